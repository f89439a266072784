import { expect, it } from 'vitest';
import { parseScalarSearch, searchFromSettings, settingsFromSearch } from './scalar-search';

it('keeps grouping and smoothing in the URL, leaving the defaults out', () => {
  expect(searchFromSettings({ group: 'metric', smoothingType: 'none', smoothing: 0, shown: { hide: [] } })).toEqual({});
  expect(searchFromSettings({ group: 'variant', smoothingType: 'running', smoothing: 25, shown: { hide: [] } })).toEqual({
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
    shown: { hide: [] },
  });
  expect(settingsFromSearch(parseScalarSearch({}))).toEqual({
    group: 'metric',
    smoothingType: 'none',
    smoothing: 0,
    shown: { hide: [] },
  });
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

it('keeps the metrics charted in the URL: those hidden, or only those shown, each once, sizes capped', () => {
  const hide = ['loss', ':monitor:gpu', 'a/b c'];
  const base = { group: 'metric' as const, smoothingType: 'none' as const, smoothing: 0 };
  expect(searchFromSettings({ ...base, shown: { hide } })).toEqual({ hideMetrics: hide });
  expect(searchFromSettings({ ...base, shown: { only: ['acc'] } })).toEqual({ showMetrics: ['acc'] });
  // Hiding every metric is an empty list of those shown, kept as such.
  expect(searchFromSettings({ ...base, shown: { only: [] } })).toEqual({ showMetrics: [] });
  expect(settingsFromSearch(parseScalarSearch({ showMetrics: [] })).shown).toEqual({ only: [] });
  expect(settingsFromSearch(parseScalarSearch({ hideMetrics: hide })).shown).toEqual({ hide });
  expect(settingsFromSearch(parseScalarSearch({ showMetrics: ['acc'], hideMetrics: ['loss'] })).shown).toEqual({
    only: ['acc'],
  });
  // One name comes back from the router as a string.
  expect(parseScalarSearch({ hideMetrics: 'loss' })).toEqual({ hideMetrics: ['loss'] });
  expect(parseScalarSearch({ hideMetrics: ['a', 'a', 3, null, { x: 1 }, 'x'.repeat(301), 'b'] })).toEqual({
    hideMetrics: ['a', 'b'],
  });
  expect(parseScalarSearch({ hideMetrics: [] })).toEqual({});
  expect(parseScalarSearch({ hideMetrics: Array.from({ length: 1000 }, (_, i) => `m${i}`) }).hideMetrics).toHaveLength(200);
  // 4,000 characters in all: a link stays far below the server's 16 KB of headers.
  const long = Array.from({ length: 100 }, (_, i) => `${'n'.repeat(96)}${String(i).padStart(4, '0')}`);
  expect(searchFromSettings({ ...base, shown: { hide: long } }).hideMetrics).toHaveLength(40);
});
