import type { GroupBy, ScalarSettings } from './ScalarControls';
import { SMOOTHING, type SmoothingType } from './smoothing';

/** The scalar settings a link keeps: grouping, smoothing and the metrics hidden (the defaults are left out of the URL). */
export interface ScalarSearch {
  group?: GroupBy;
  smoothing?: SmoothingType;
  smoothingValue?: number;
  /** Metrics whose charts are hidden (not `hide`: the task table's hidden columns share the task page's URL). */
  hideMetrics?: string[];
}

export type ScalarUrlSettings = Pick<ScalarSettings, 'group' | 'smoothingType' | 'smoothing' | 'hidden'>;

/** Metrics a link can hide, and the longest name kept: a link is typed by hand too. */
export const MAX_HIDDEN = 200;
const MAX_HIDDEN_NAME = 300;

/** The hidden metrics of a URL: strings only, each once, sizes capped; undefined when none. */
function parseHidden(v: unknown): string[] | undefined {
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
  const kept = [...new Set(list.filter((m): m is string => typeof m === 'string' && m.length <= MAX_HIDDEN_NAME))].slice(
    0,
    MAX_HIDDEN,
  );
  return kept.length ? kept : undefined;
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
  const hide = parseHidden(s.hideMetrics);
  if (hide) out.hideMetrics = hide;
  return out;
}

export function settingsFromSearch(s: ScalarSearch): ScalarUrlSettings {
  const type = s.smoothing ?? 'none';
  return {
    group: s.group ?? 'metric',
    smoothingType: type,
    smoothing: s.smoothingValue ?? SMOOTHING[type].initial,
    hidden: s.hideMetrics ?? [],
  };
}

export function searchFromSettings(v: ScalarUrlSettings): ScalarSearch {
  const out: ScalarSearch = {};
  if (v.group !== 'metric') out.group = v.group;
  if (v.smoothingType !== 'none') {
    out.smoothing = v.smoothingType;
    out.smoothingValue = v.smoothing;
  }
  if (v.hidden.length) out.hideMetrics = v.hidden.slice(0, MAX_HIDDEN);
  return out;
}
