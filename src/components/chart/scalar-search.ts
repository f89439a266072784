import type { GroupBy, ScalarSettings } from './ScalarControls';
import { SMOOTHING, type SmoothingType } from './smoothing';

/** The scalar settings a link keeps: grouping and smoothing (the defaults are left out of the URL). */
export interface ScalarSearch {
  group?: GroupBy;
  smoothing?: SmoothingType;
  smoothingValue?: number;
}

export type ScalarUrlSettings = Pick<ScalarSettings, 'group' | 'smoothingType' | 'smoothing'>;

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
  return out;
}

export function settingsFromSearch(s: ScalarSearch): ScalarUrlSettings {
  const type = s.smoothing ?? 'none';
  return { group: s.group ?? 'metric', smoothingType: type, smoothing: s.smoothingValue ?? SMOOTHING[type].initial };
}

export function searchFromSettings(v: ScalarUrlSettings): ScalarSearch {
  const out: ScalarSearch = {};
  if (v.group !== 'metric') out.group = v.group;
  if (v.smoothingType !== 'none') {
    out.smoothing = v.smoothingType;
    out.smoothingValue = v.smoothing;
  }
  return out;
}
