/** The smoothing kinds ClearML offers. */
export type SmoothingType = 'none' | 'ema' | 'running' | 'gaussian';

export interface SmoothingKind {
  label: string;
  /** What the parameter means, its range and where it starts. */
  param: string;
  min: number;
  max: number;
  step: number;
  initial: number;
}

export const SMOOTHING: Record<SmoothingType, SmoothingKind> = {
  none: { label: 'None', param: '', min: 0, max: 0, step: 1, initial: 0 },
  ema: { label: 'Exponential moving average', param: 'weight', min: 0, max: 0.999, step: 0.001, initial: 0.6 },
  running: { label: 'Running average', param: 'window (points)', min: 1, max: 200, step: 1, initial: 10 },
  gaussian: { label: 'Gaussian', param: 'sigma (points)', min: 0.5, max: 50, step: 0.5, initial: 3 },
};

/** Whether this smoothing changes anything (a smoothed line is drawn over a faint raw one). */
export function smooths(type: SmoothingType, param: number): boolean {
  if (type === 'ema') return param > 0;
  if (type === 'running') return param > 1;
  return type === 'gaussian' && param > 0;
}

export function smooth(values: readonly number[], type: SmoothingType, param: number): number[] {
  if (!smooths(type, param)) return [...values];
  if (type === 'ema') return emaSmooth(values, param);
  if (type === 'running') return runningAverage(values, Math.round(param));
  return gaussianSmooth(values, param);
}

/**
 * Exponential moving average with bias correction (as TensorBoard and ClearML draw it):
 * the first points are not pulled towards zero. weight 0 returns the series unchanged.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return [...values];
  const out = new Array<number>(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * w + (1 - w) * y;
    n++;
    out[i] = last / (1 - Math.pow(w, n));
  }
  return out;
}

/** The mean of the last `window` finite points (fewer at the start), in one pass. */
export function runningAverage(values: readonly number[], window: number): number[] {
  const w = Math.max(1, Math.floor(window));
  const out = new Array<number>(values.length);
  const kept: number[] = [];
  let sum = 0;
  let head = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    kept.push(y);
    sum += y;
    if (kept.length - head > w) sum -= kept[head++];
    out[i] = sum / (kept.length - head);
  }
  return out;
}

/** A Gaussian-weighted mean over ±3σ neighbouring finite points, weights renormalised at the ends. */
export function gaussianSmooth(values: readonly number[], sigma: number): number[] {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      out[i] = values[i];
      continue;
    }
    let sum = 0;
    let weight = 0;
    for (let k = -radius; k <= radius; k++) {
      const y = values[i + k];
      if (y === undefined || !Number.isFinite(y)) continue;
      sum += kernel[k + radius] * y;
      weight += kernel[k + radius];
    }
    out[i] = sum / weight;
  }
  return out;
}
