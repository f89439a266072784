import type { XMode } from './scalar-chart';
import type { ScalarSettings } from './ScalarControls';
import { parseScalarSearch, searchFromSettings, settingsFromSearch, type ScalarSearch } from './scalar-search';

/**
 * A task's Scalars tab as a link keeps it: grouping and smoothing (as compare keeps them), the horizontal
 * axis, the page's log scale, the metric filter, and the charts whose own log switch differs from the page's.
 * The defaults are left out of the URL.
 */
export interface ScalarViewSearch extends ScalarSearch {
  x?: Exclude<XMode, 'iter'>;
  log?: boolean;
  metrics?: string;
  /** Chart title → its own log setting. */
  chartLog?: Record<string, boolean>;
}

export interface ScalarView extends ScalarSettings {
  chartLog: Record<string, boolean>;
}

const MAX_FILTER = 200;
const MAX_CHARTS = 100;
const MAX_TITLE = 300;

function parseChartLog(v: unknown): Record<string, boolean> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const kept = Object.entries(v as Record<string, unknown>)
    .filter((e): e is [string, boolean] => e[0].length <= MAX_TITLE && typeof e[1] === 'boolean')
    .slice(0, MAX_CHARTS);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/** Reads the view from a URL's search; what it does not know is dropped, sizes are capped. */
export function parseScalarViewSearch(s: Record<string, unknown>): ScalarViewSearch {
  const out: ScalarViewSearch = parseScalarSearch(s);
  if (s.x === 'relative' || s.x === 'wall') out.x = s.x;
  if (s.log === true || s.log === 'true') out.log = true;
  if (typeof s.metrics === 'string' && s.metrics) out.metrics = s.metrics.slice(0, MAX_FILTER);
  const chartLog = parseChartLog(s.chartLog);
  if (chartLog) out.chartLog = chartLog;
  return out;
}

export function viewFromSearch(s: ScalarViewSearch): ScalarView {
  return {
    ...settingsFromSearch(s),
    xMode: s.x ?? 'iter',
    logY: !!s.log,
    filter: s.metrics ?? '',
    chartLog: s.chartLog ?? {},
  };
}

export function searchFromView(v: ScalarView): ScalarViewSearch {
  const out: ScalarViewSearch = searchFromSettings(v);
  if (v.xMode !== 'iter') out.x = v.xMode;
  if (v.logY) out.log = true;
  if (v.filter) out.metrics = v.filter.slice(0, MAX_FILTER);
  const chartLog = Object.entries(v.chartLog).filter(([, on]) => on !== v.logY);
  if (chartLog.length) out.chartLog = Object.fromEntries(chartLog);
  return out;
}

/**
 * The edit that turns one view into the next when it is one step of a longer gesture (typing in the
 * filter, dragging the smoothing slider): its steps make one history entry, not one per key or pixel.
 */
export function gestureOf(prev: ScalarView, next: ScalarView): 'filter' | 'smoothing' | 'shown' | null {
  const same = (keys: (keyof ScalarView)[]) => keys.every((k) => prev[k] === next[k]);
  const others = (changed: keyof ScalarView) =>
    prev[changed] !== next[changed] &&
    same(
      (['group', 'xMode', 'smoothingType', 'smoothing', 'filter', 'logY', 'chartLog', 'shown'] as const).filter(
        (k) => k !== changed,
      ),
    );
  if (others('filter')) return 'filter';
  if (others('smoothing')) return 'smoothing';
  // Ticking metrics in and out of the list, one after another, is one step back.
  if (others('shown')) return 'shown';
  return null;
}

const VIEW_KEYS = [
  'group',
  'smoothing',
  'smoothingValue',
  'hideMetrics',
  'showMetrics',
  'x',
  'log',
  'metrics',
  'chartLog',
] as const;

/** Splits a route's search into the Scalars view's keys and the rest (a page that keeps both in its URL). */
export function splitScalarViewSearch<T extends object>(
  s: T & ScalarViewSearch,
): [ScalarViewSearch, Omit<T, keyof ScalarViewSearch>] {
  const view: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) ((VIEW_KEYS as readonly string[]).includes(k) ? view : rest)[k] = v;
  return [view as ScalarViewSearch, rest as Omit<T, keyof ScalarViewSearch>];
}
