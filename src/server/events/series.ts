import type { SeriesInfo, Store } from '../store/store';
import { downsample, type ScalarKey, type SeriesSource } from './downsample';
import { zoomSeries, type Band, type ZoomedXY } from './zoom';

const DEFAULT_SAMPLES = 10_000;
/** More points than any chart can draw; a larger ask is answered at this resolution instead of with every point. */
export const MAX_SAMPLES = 100_000;

export interface HistogramRequest {
  samples?: number;
  key?: ScalarKey;
  x_min?: number;
  x_max?: number;
  band?: boolean;
}

/** A series as it crosses between threads: numbers in typed arrays (ISO times stay strings). */
export interface PackedSeries {
  x: Float64Array | string[];
  y: Float64Array;
  band?: Band;
}

export function wanted(s: SeriesInfo, metrics?: { metric: string; variants?: string[] }[]): boolean {
  if (!metrics?.length) return true;
  return metrics.some((m) => m.metric === s.metric && (!m.variants?.length || m.variants.includes(s.variant)));
}

/** One series at the resolution asked for: downsampled whole, or a zoomed x range with its min/max band. */
export function seriesData(store: Store, s: SeriesInfo, req: HistogramRequest): Promise<ZoomedXY> {
  const samples = Math.min(req.samples ?? DEFAULT_SAMPLES, MAX_SAMPLES);
  const key = req.key ?? 'iter';
  if (req.x_min !== undefined || req.x_max !== undefined || req.band)
    return zoomSeries(
      samples,
      key,
      { min: req.x_min, max: req.x_max },
      {
        summaries: () => store.events.readChunks(s.id, false),
        points: (from, to) => store.events.readChunks(s.id, true, { from, to }),
      },
    );
  return downsample(s.count, samples, key, seriesSource(store, s.id, samples));
}

/** Where downsampling reads a stored series from. */
export function seriesSource(store: Store, series: number, samples: number): SeriesSource {
  return {
    points: () => store.events.readChunks(series, true),
    extremes: () => store.events.readExtremes(series, Math.ceil(samples / 2)),
    summaries: () => store.events.readSummaries(series),
    every: (from, to, step) => store.events.readChunks(series, true, { from, to, step }),
  };
}

/** Each series' data, packed (the reader pool's job for charts). */
export async function readSeries(store: Store, args: { series: SeriesInfo[]; req: HistogramRequest }): Promise<PackedSeries[]> {
  const iso = args.req.key === 'iso_time';
  const out: PackedSeries[] = [];
  for (const s of args.series) {
    const { x, y, band } = await seriesData(store, s, args.req);
    out.push({ x: iso ? (x as string[]) : Float64Array.from(x as number[]), y: Float64Array.from(y), ...(band ? { band } : {}) });
  }
  return out;
}

/** A packed series as the API answers it. */
export function unpack(p: PackedSeries): ZoomedXY {
  return { x: p.x instanceof Float64Array ? Array.from(p.x) : p.x, y: Array.from(p.y), ...(p.band ? { band: p.band } : {}) };
}
