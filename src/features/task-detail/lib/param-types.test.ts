import { expect, it } from 'vitest';
import { kindOf, normalizeParam, validateParam } from './param-types';

it('knows the kinds ClearML writes', () => {
  expect(kindOf('int')).toBe('int');
  expect(kindOf('float')).toBe('float');
  expect(kindOf('bool')).toBe('bool');
  expect(kindOf('list/int')).toBe('list');
  expect(kindOf(undefined)).toBe('str');
});

it('validates values against their kind', () => {
  expect(validateParam('int', '42')).toBeNull();
  expect(validateParam('int', '4.2')).toMatch(/whole number/);
  expect(validateParam('float', '1e-3')).toBeNull();
  expect(validateParam('float', 'abc')).toMatch(/number/);
  expect(validateParam('bool', 'true')).toBeNull();
  expect(validateParam('bool', 'yes')).toMatch(/True or False/);
  expect(validateParam('list', "[1, 'a', True]")).toBeNull();
  expect(validateParam('list', '(1, 2)')).toBeNull();
  expect(validateParam('list', '1, 2')).toMatch(/list/);
});

it('writes booleans as Python does', () => {
  expect(normalizeParam('bool', 'true')).toBe('True');
  expect(normalizeParam('float', ' 0.5 ')).toBe('0.5');
});

import { CHECKING, loadYamlParser, validateConfig } from './config-validation';

it('checks JSON and YAML configuration text (YAML once its parser is loaded)', async () => {
  expect(validateConfig('yaml', 'a: 1')).toBe(CHECKING);
  await loadYamlParser();
  expect(validateConfig('json', '{"a": 1}')).toBeNull();
  expect(validateConfig('json', '{"a": 1')).toBeTruthy();
  expect(validateConfig('yaml', 'a: 1\nb: [1, 2]')).toBeNull();
  expect(validateConfig('yaml', 'a: [1, 2')).toBeTruthy();
  expect(validateConfig('hocon', 'anything goes')).toBeNull();
});
