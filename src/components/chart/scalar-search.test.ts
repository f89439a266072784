import { expect, it } from 'vitest';
import { parseScalarSearch, searchFromSettings, settingsFromSearch } from './scalar-search';

it('keeps grouping and smoothing in the URL, leaving the defaults out', () => {
  expect(searchFromSettings({ group: 'metric', smoothingType: 'none', smoothing: 0, hidden: [] })).toEqual({});
  expect(searchFromSettings({ group: 'variant', smoothingType: 'running', smoothing: 25, hidden: [] })).toEqual({
    group: 'variant',
    smoothing: 'running',
    smoothingValue: 25,
  });
});

it('reads them back, numbers given as text too', () => {
  expect(settingsFromSearch(parseScalarSearch({ group: 'variant', smoothing: 'ema', smoothingValue: '0.9' }))).toEqual({
    group: 'variant',
    smoothingType: 'ema',
    smoothing: 0.9,
    hidden: [],
  });
  expect(settingsFromSearch(parseScalarSearch({}))).toEqual({ group: 'metric', smoothingType: 'none', smoothing: 0, hidden: [] });
});

it('drops what it does not know and holds the parameter to its range', () => {
  expect(parseScalarSearch({ group: 'task', smoothing: 'toString', smoothingValue: 3 })).toEqual({});
  expect(parseScalarSearch({ smoothing: 'gaussian', smoothingValue: 1e9 })).toEqual({
    smoothing: 'gaussian',
    smoothingValue: 50,
  });
  expect(parseScalarSearch({ smoothing: 'ema', smoothingValue: 'NaN' })).toEqual({ smoothing: 'ema' });
  // Without a value the kind's starting one.
  expect(settingsFromSearch(parseScalarSearch({ smoothing: 'gaussian' })).smoothing).toBe(3);
});

it('keeps the hidden metrics in the URL: a list, each once, sizes capped', () => {
  const hidden = ['loss', ':monitor:gpu', 'a/b c'];
  expect(searchFromSettings({ group: 'metric', smoothingType: 'none', smoothing: 0, hidden })).toEqual({ hideMetrics: hidden });
  expect(settingsFromSearch(parseScalarSearch({ hideMetrics: hidden })).hidden).toEqual(hidden);
  // One name comes back from the router as a string.
  expect(parseScalarSearch({ hideMetrics: 'loss' })).toEqual({ hideMetrics: ['loss'] });
  expect(parseScalarSearch({ hideMetrics: ['a', 'a', 3, null, { x: 1 }, 'x'.repeat(301), 'b'] })).toEqual({
    hideMetrics: ['a', 'b'],
  });
  expect(parseScalarSearch({ hideMetrics: [] })).toEqual({});
  expect(parseScalarSearch({ hideMetrics: Array.from({ length: 1000 }, (_, i) => `m${i}`) }).hideMetrics).toHaveLength(200);
});
