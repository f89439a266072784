import { expect, it } from 'vitest';
import {
  gestureOf,
  parseScalarViewSearch,
  searchFromView,
  splitScalarViewSearch,
  viewFromSearch,
  type ScalarView,
} from './scalar-view-search';

const DEFAULT: ScalarView = {
  group: 'metric',
  smoothingType: 'none',
  smoothing: 0,
  xMode: 'iter',
  logY: false,
  filter: '',
  chartLog: {},
  shown: { hide: [] },
};

it('leaves the defaults out of the URL and writes the rest', () => {
  expect(searchFromView(DEFAULT)).toEqual({});
  expect(
    searchFromView({
      group: 'variant',
      smoothingType: 'ema',
      smoothing: 0.9,
      xMode: 'wall',
      logY: true,
      filter: 'loss',
      chartLog: { acc: false },
      shown: { hide: ['acc'] },
    }),
  ).toEqual({
    group: 'variant',
    smoothing: 'ema',
    smoothingValue: 0.9,
    x: 'wall',
    log: true,
    metrics: 'loss',
    chartLog: { acc: false },
    hideMetrics: ['acc'],
  });
});

it("keeps only the charts whose own log switch differs from the page's", () => {
  expect(searchFromView({ ...DEFAULT, chartLog: { a: true, b: false } })).toEqual({ chartLog: { a: true } });
  expect(searchFromView({ ...DEFAULT, logY: true, chartLog: { a: true, b: false } })).toEqual({
    log: true,
    chartLog: { b: false },
  });
});

it('reads the view back from what the router parsed, text or not', () => {
  const v = viewFromSearch(
    parseScalarViewSearch({
      group: 'variant',
      smoothing: 'running',
      smoothingValue: '7',
      x: 'relative',
      log: 'true',
      metrics: 'acc',
    }),
  );
  expect(v).toEqual({
    ...DEFAULT,
    group: 'variant',
    smoothingType: 'running',
    smoothing: 7,
    xMode: 'relative',
    logY: true,
    filter: 'acc',
  });
  expect(viewFromSearch(parseScalarViewSearch({}))).toEqual(DEFAULT);
});

it('drops what it does not know and caps sizes', () => {
  expect(parseScalarViewSearch({ x: 'iter', log: 'yes', metrics: 5, chartLog: ['a'] })).toEqual({});
  expect(parseScalarViewSearch({ metrics: 'm'.repeat(5000) }).metrics).toHaveLength(200);
  const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`chart ${i}`, true]));
  expect(Object.keys(parseScalarViewSearch({ chartLog: many }).chartLog!)).toHaveLength(100);
  expect(parseScalarViewSearch({ chartLog: { ['t'.repeat(301)]: true, ok: 'true', fine: false } }).chartLog).toEqual({
    fine: false,
  });
});

it('tells the steps of typing and dragging from other changes', () => {
  expect(gestureOf(DEFAULT, { ...DEFAULT, filter: 'l' })).toBe('filter');
  const ema = { ...DEFAULT, smoothingType: 'ema' as const, smoothing: 0.6 };
  expect(gestureOf(ema, { ...ema, smoothing: 0.61 })).toBe('smoothing');
  // A new kind of smoothing sets its own starting value: a step of its own.
  expect(gestureOf(DEFAULT, ema)).toBeNull();
  expect(gestureOf(DEFAULT, { ...DEFAULT, group: 'variant' })).toBeNull();
  expect(gestureOf(DEFAULT, { ...DEFAULT, filter: 'l', logY: true })).toBeNull();
  // Ticking metrics out and back in the list, one after another.
  expect(gestureOf(DEFAULT, { ...DEFAULT, shown: { hide: ['loss'] } })).toBe('shown');
  expect(gestureOf({ ...DEFAULT, shown: { hide: ['loss'] } }, { ...DEFAULT, shown: { only: ['acc'] } })).toBe('shown');
  expect(gestureOf(DEFAULT, { ...DEFAULT, shown: { hide: ['loss'] }, group: 'variant' })).toBeNull();
});

it("splits a route's search into the view's keys and the rest", () => {
  const [view, rest] = splitScalarViewSearch({
    q: 'x',
    task: 'abc',
    group: 'variant' as const,
    log: true,
    chartLog: { a: true },
    hideMetrics: ['loss'],
    // The task table's hidden columns, on the same page.
    hide: ['type'],
  });
  expect(view).toEqual({ group: 'variant', log: true, chartLog: { a: true }, hideMetrics: ['loss'] });
  expect(rest).toEqual({ q: 'x', task: 'abc', hide: ['type'] });
});
