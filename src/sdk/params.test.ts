import { expect, it } from 'vitest';
import { applyOverrides, castLike, flatten } from './params';

it('flattens nested objects into typed string parameters', () => {
  expect(flatten({ lr: 0.1, epochs: 3, on: true, name: 'x', layers: [1, 2], opt: { beta: 0.9 }, none: null })).toEqual([
    { name: 'lr', value: '0.1', type: 'float' },
    { name: 'epochs', value: '3', type: 'int' },
    { name: 'on', value: 'true', type: 'bool' },
    { name: 'name', value: 'x', type: 'str' },
    { name: 'layers', value: '[1,2]', type: 'list' },
    { name: 'opt/beta', value: '0.9', type: 'float' },
    { name: 'none', value: '', type: 'NoneType' },
  ]);
});

it('types stored strings back like the local defaults, keeping values the server lacks', () => {
  const out = applyOverrides(
    { lr: 0.1, on: false, tags: ['a'], opt: { beta: 0.9, name: 'adam' }, keep: 5 },
    { lr: '0.5', on: 'True', tags: 'x, y', 'opt/beta': '0.99' },
  );
  expect(out).toEqual({ lr: 0.5, on: true, tags: ['x', 'y'], opt: { beta: 0.99, name: 'adam' }, keep: 5 });
});

it('refuses a stored value that does not fit the type, naming the parameter', () => {
  expect(() => castLike(3, 'three', 'General/epochs')).toThrow(
    'Parameter "General/epochs" should be a number, but the task holds "three"',
  );
  expect(() => castLike(true, 'maybe', 'Args/on')).toThrow(/should be true or false/);
  expect(castLike([1], '[2,3]', 'x')).toEqual([2, 3]);
});
