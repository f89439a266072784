import type { GroupBy, ScalarSettings } from './ScalarControls';
import { SMOOTHING, type SmoothingType } from './smoothing';
import { ALL_METRICS } from './metrics-shown';

/** The scalar settings a link keeps: grouping, smoothing and the metrics charted (the defaults are left out of the URL). */
export interface ScalarSearch {
  group?: GroupBy;
  smoothing?: SmoothingType;
  smoothingValue?: number;
  /** Metrics whose charts are hidden (not `hide`: the task table's hidden columns share the task page's URL). */
  hideMetrics?: string[];
  /** Or the only metrics charted, once most are hidden. */
  showMetrics?: string[];
}

export type ScalarUrlSettings = Pick<ScalarSettings, 'group' | 'smoothingType' | 'smoothing' | 'shown'>;

/**
 * Metric names a link keeps, at most this many and this many characters in all: the list is the shorter of hidden and
 * shown, and a URL over 16 KB is refused by the server (431) before the page loads.
 */
export const MAX_LISTED = 200;
const MAX_LISTED_CHARS = 4000;
const MAX_NAME = 300;

/** Names a link keeps: strings only, each once, sizes capped. */
function capped(list: unknown[]): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const m of new Set(list)) {
    if (typeof m !== 'string' || m.length > MAX_NAME) continue;
    if (out.length >= MAX_LISTED || chars + m.length > MAX_LISTED_CHARS) break;
    out.push(m);
    chars += m.length;
  }
  return out;
}

/** A URL's list of metric names (one name comes as a string); undefined when absent or empty after the caps. */
function parseNames(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const list = capped(typeof v === 'string' ? [v] : Array.isArray(v) ? v : []);
  return list.length || Array.isArray(v) ? list : undefined;
}

const isSmoothing = (v: unknown): v is SmoothingType => typeof v === 'string' && Object.hasOwn(SMOOTHING, v);

/** Reads the settings from a URL's search: unknown values are dropped, the parameter is held to its kind's range. */
export function parseScalarSearch(s: Record<string, unknown>): ScalarSearch {
  const out: ScalarSearch = {};
  if (s.group === 'variant') out.group = 'variant';
  if (isSmoothing(s.smoothing) && s.smoothing !== 'none') {
    out.smoothing = s.smoothing;
    const kind = SMOOTHING[s.smoothing];
    const raw =
      typeof s.smoothingValue === 'string' && s.smoothingValue.length <= 32 ? Number(s.smoothingValue) : s.smoothingValue;
    if (typeof raw === 'number' && Number.isFinite(raw)) out.smoothingValue = Math.min(kind.max, Math.max(kind.min, raw));
  }
  // Only those shown wins over those hidden (a link holds one of them).
  const only = parseNames(s.showMetrics);
  const hide = parseNames(s.hideMetrics);
  if (only) out.showMetrics = only;
  else if (hide?.length) out.hideMetrics = hide;
  return out;
}

export function settingsFromSearch(s: ScalarSearch): ScalarUrlSettings {
  const type = s.smoothing ?? 'none';
  return {
    group: s.group ?? 'metric',
    smoothingType: type,
    smoothing: s.smoothingValue ?? SMOOTHING[type].initial,
    shown: s.showMetrics ? { only: s.showMetrics } : s.hideMetrics ? { hide: s.hideMetrics } : ALL_METRICS,
  };
}

export function searchFromSettings(v: ScalarUrlSettings): ScalarSearch {
  const out: ScalarSearch = {};
  if (v.group !== 'metric') out.group = v.group;
  if (v.smoothingType !== 'none') {
    out.smoothing = v.smoothingType;
    out.smoothingValue = v.smoothing;
  }
  if ('only' in v.shown) out.showMetrics = capped(v.shown.only);
  else if (v.shown.hide.length) out.hideMetrics = capped(v.shown.hide);
  return out;
}
