import type { EChartsOption } from './plotly';
import { smooth, smooths, type SmoothingType } from './smoothing';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';

export type XMode = 'iter' | 'relative' | 'wall';

/** Per bucket of a bucketed series: its x span and its lowest and highest value (two entries a bucket, as the server sends). */
export interface BandData {
  x: number[];
  min: number[];
  max: number[];
}

export interface SeriesData {
  name: string;
  x: number[];
  y: number[];
  band?: BandData;
}

const PALETTE = ['#1976d2', '#e65100', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#ad1457', '#5d4037', '#455a64', '#827717'];

/** The i-th series' colour: ten hand-picked ones, then hues spread by the golden angle (200 tasks stay apart). */
export function colorFor(i: number): string {
  if (i < PALETTE.length) return PALETTE[i];
  const hue = Math.round((i * 137.508) % 360);
  const light = 35 + ((i * 7) % 3) * 10;
  return `hsl(${hue}, 70%, ${light}%)`;
}

/** How one series is drawn when the default (a colour per series, solid) would not tell them apart. */
export interface SeriesStyle {
  color: string;
  dash?: 'solid' | 'dashed' | 'dotted';
}

const DASHES: NonNullable<SeriesStyle['dash']>[] = ['solid', 'dashed', 'dotted'];

/** The line type of the i-th variant within one colour. */
export function dashFor(i: number): NonNullable<SeriesStyle['dash']> {
  return DASHES[i % DASHES.length];
}

/** Drops single-value points (iteration −2³¹): they belong in the summary table, not on a chart. */
export function chartable(series: { name: string; x: (number | string)[]; y: number[]; band?: BandData }): SeriesData {
  // The API answers ISO strings for x only when asked for `iso_time`; they chart as epoch ms.
  const x = series.x.every((v): v is number => typeof v === 'number')
    ? series.x
    : series.x.map((v) => (typeof v === 'number' ? v : Date.parse(v)));
  const s: SeriesData = { name: series.name, x, y: series.y, ...(series.band ? { band: series.band } : {}) };
  if (!s.x.includes(SINGLE_VALUE_ITERATION)) return s;
  const keep = s.x.map((v) => v !== SINGLE_VALUE_ITERATION);
  return { ...s, x: s.x.filter((_, i) => keep[i]), y: s.y.filter((_, i) => keep[i]) };
}

function relativeUnit(spanMs: number): { div: number; unit: string } {
  if (spanMs > 2 * 3600_000) return { div: 3600_000, unit: 'h' };
  if (spanMs > 2 * 60_000) return { div: 60_000, unit: 'min' };
  return { div: 1000, unit: 's' };
}

/** How the server's x (iteration or ms) maps to the chart's axis and back, and the axis's name. */
export interface XMapping {
  toAxis(x: number): number;
  toServer(v: number): number;
  name: string;
}

export function xMapping(series: SeriesData[], xMode: XMode): XMapping {
  if (xMode !== 'relative') return { toAxis: (x) => x, toServer: (v) => v, name: xMode === 'iter' ? 'Iterations' : 'Wall time' };
  let start = Infinity;
  let end = -Infinity;
  for (const s of series) {
    if (!s.x.length) continue;
    start = Math.min(start, s.x[0]);
    end = Math.max(end, s.x[s.x.length - 1]);
  }
  const rel = relativeUnit(end - start);
  return { toAxis: (x) => (x - start) / rel.div, toServer: (v) => start + v * rel.div, name: `Time from start (${rel.unit})` };
}

/**
 * The overview with the zoomed-in detail spliced in: outside [lo, hi] the overview's points and
 * buckets, inside it the detail's (fetched for that range at full resolution). Series match by name.
 */
export function withDetail(overview: SeriesData[], detail: SeriesData[] | undefined, lo: number, hi: number): SeriesData[] {
  if (!detail) return overview;
  const byName = new Map(detail.map((d) => [d.name, d]));
  return overview.map((s) => {
    const d = byName.get(s.name);
    if (!d) return s;
    const x: number[] = [];
    const y: number[] = [];
    const push = (xs: number[], ys: number[], keep: (v: number) => boolean) =>
      xs.forEach((v, i) => {
        if (keep(v)) {
          x.push(v);
          y.push(ys[i]);
        }
      });
    push(s.x, s.y, (v) => v < lo);
    push(d.x, d.y, () => true);
    push(s.x, s.y, (v) => v > hi);
    let band: BandData | undefined;
    if (s.band || d.band) {
      band = { x: [], min: [], max: [] };
      const pushBand = (b: BandData | undefined, keep: (x0: number, x1: number) => boolean) => {
        if (!b) return;
        for (let i = 0; i + 1 < b.x.length; i += 2) {
          if (!keep(b.x[i], b.x[i + 1])) continue;
          band!.x.push(b.x[i], b.x[i + 1]);
          band!.min.push(b.min[i], b.min[i + 1]);
          band!.max.push(b.max[i], b.max[i + 1]);
        }
      };
      pushBand(s.band, (_, x1) => x1 < lo);
      pushBand(d.band, () => true);
      pushBand(s.band, (x0) => x0 > hi);
    }
    return { name: s.name, x, y, ...(band ? { band } : {}) };
  });
}

export interface ScalarChartOptions {
  xMode: XMode;
  smoothing: number;
  smoothingType?: SmoothingType;
  logY: boolean;
  styles?: SeriesStyle[];
  /** Full screen: a zoom slider under the chart. */
  zoom?: boolean;
  /** The zoomed window on the chart's axis, kept across redraws. */
  window?: [number, number] | null;
  /** Hide the legend inside the chart (compare draws its own beside the charts). */
  legend?: boolean;
  /** Series drawn bold, the others faded (a hovered legend entry). */
  highlight?: ReadonlySet<string>;
}

/**
 * One chart of a metric: a line per variant (in compare a colour per task, a line type per
 * variant), the raw line faint under the smoothed one when smoothing is on, and the min/max band
 * of bucketed series as shaded bars. Series share a name so the legend toggles all of them.
 */
export function scalarChartOption(title: string, series: SeriesData[], opts: ScalarChartOptions): EChartsOption {
  const map = xMapping(series, opts.xMode);
  const type = opts.smoothingType ?? (opts.smoothing > 0 ? 'ema' : 'none');
  const smoothed = smooths(type, opts.smoothing);
  const out: Record<string, unknown>[] = [];
  // Many lines (compare): no mouse handling per line, which ECharts sets up for each; the axis tooltip still reads them all.
  const silent = series.length > 20;
  series.forEach((s, i) => {
    const color = opts.styles?.[i]?.color ?? colorFor(i);
    const dash = opts.styles?.[i]?.dash ?? 'solid';
    const faded = opts.highlight && opts.highlight.size > 0 && !opts.highlight.has(s.name);
    const bold = opts.highlight?.has(s.name);
    const fade = faded ? 0.12 : 1;
    const xs = s.x.map(map.toAxis);
    const raw = xs.map((x, j) => [x, s.y[j]]);
    if (s.band && !opts.logY) out.push(bandSeries(s.name, s.band, i, map, color, fade));
    out.push({
      name: s.name,
      type: 'line',
      data: raw,
      showSymbol: raw.length < 30,
      symbolSize: 4,
      sampling: s.band ? undefined : 'lttb',
      lineStyle: { width: bold ? 3 : smoothed ? 1 : 1.6, opacity: (smoothed ? 0.25 : 1) * fade, color, type: dash },
      itemStyle: { color, opacity: fade },
      emphasis: { disabled: true },
      silent,
      z: bold ? 3 : 1,
    });
    if (smoothed) {
      const ys = smooth(s.y, type, opts.smoothing);
      out.push({
        name: s.name,
        type: 'line',
        data: xs.map((x, j) => [x, ys[j]]),
        showSymbol: false,
        lineStyle: { width: bold ? 3 : 1.8, color, type: dash, opacity: fade },
        itemStyle: { color },
        z: bold ? 4 : 2,
        tooltip: { show: true },
      });
    }
  });
  return { ...scalarChartFrame(title, map, opts), series: out };
}

/** The most characters of a title that fit left of the legend (148 px of 13 px bold). */
const TITLE_BESIDE_LEGEND = 20;

/**
 * A legend entry cut at `width` px: a variant's name is a script's to choose, and one wider than the legend's room
 * ran on under the tools over the chart's top right (a scrolling legend pages whole entries, it does not cut one).
 */
const legendText = (width: number) => ({ width, overflow: 'truncate' });

/** Everything of a scalar chart but its series: title, axes, tooltip, zoom, legend. */
export function scalarChartFrame(title: string, map: XMapping, opts: ScalarChartOptions): EChartsOption {
  const inside: Record<string, unknown> = { type: 'inside', xAxisIndex: 0 };
  if (opts.window) {
    inside.startValue = opts.window[0];
    inside.endValue = opts.window[1];
  }
  const legendRow = opts.legend !== false && title.length > TITLE_BESIDE_LEGEND;
  return {
    animation: false,
    // A metric's name is a script's to choose. One longer than the room left of the legend (from 160 px) puts the
    // legend on a row of its own below it, and the title is cut short of the tools drawn over the top right.
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600, width: 330, overflow: 'truncate' } },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(8))) : String(v)),
    },
    legend:
      opts.legend === false
        ? { show: false }
        : legendRow
          ? { type: 'scroll', top: 26, right: 24, left: 8, textStyle: legendText(400) }
          : { type: 'scroll', top: 4, right: 190, left: 160, textStyle: legendText(110) },
    grid: { left: 60, right: 24, top: legendRow ? 66 : 44, bottom: opts.zoom ? 64 : 40 },
    xAxis: { type: opts.xMode === 'wall' ? 'time' : 'value', name: map.name, nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: opts.logY ? 'log' : 'value', scale: true },
    dataZoom: opts.zoom ? [inside, { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8 }] : [inside],
  };
}

export interface RenderApi {
  value(dim: number): number;
  coord(p: number[]): number[];
}

/** The min/max band of series `i` as a custom series: one data row a bucket (x0, x1, min, max), drawn as one polygon. */
export function bandSeries(name: string, band: BandData, i: number, map: XMapping, color: string, fade: number) {
  const rows: number[][] = [];
  for (let j = 0; j + 1 < band.x.length; j += 2)
    rows.push([map.toAxis(band.x[j]), map.toAxis(band.x[j + 1]), band.min[j], band.max[j]]);
  return {
    name,
    id: `band:${i}`,
    type: 'custom',
    data: rows,
    encode: { x: [0, 1], y: [2, 3] },
    renderItem: bandShape(rows, color, 0.18 * fade),
    clip: true,
    silent: true,
    tooltip: { show: false },
    z: 0,
  };
}

/**
 * The whole band of a series as one shaded polygon: along each bucket's max left to right, back along each min (every
 * bucket at least a pixel wide and high, so a lone spike stays visible). One element a series rather than a rect a
 * bucket: a chart of 4 × 1,000 buckets had ECharts build and lay out 4,000 elements on its first draw. The data rows
 * stay one per bucket (x0, x1, min, max); the polygon is drawn once, by the first row in view.
 */
export function bandShape(rows: readonly number[][], color: string, opacity: number) {
  return (params: { dataIndexInside: number }, api: RenderApi) => {
    if (params.dataIndexInside !== 0) return null;
    const top: number[][] = [];
    const bottom: number[][] = [];
    for (const [x0, x1, min, max] of rows) {
      const a = api.coord([x0, max]);
      const b = api.coord([x1, min]);
      const right = Math.max(a[0] + 1, b[0]);
      const low = Math.max(a[1] + 1, b[1]);
      top.push([a[0], a[1]], [right, a[1]]);
      bottom.push([right, low], [a[0], low]);
    }
    bottom.reverse();
    return { type: 'polygon', shape: { points: top.concat(bottom) }, style: { fill: color, opacity } };
  };
}
