import type { EChartsOption } from './plotly';
import { emaSmooth } from './smoothing';
import { SINGLE_VALUE_ITERATION } from '../../shared/single-values';

export type XMode = 'iter' | 'relative' | 'wall';

export interface SeriesData {
  name: string;
  x: number[];
  y: number[];
}

const PALETTE = ['#1976d2', '#e65100', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#ad1457', '#5d4037', '#455a64', '#827717'];

export function colorFor(i: number): string {
  return PALETTE[i % PALETTE.length];
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
export function chartable(series: { name: string; x: (number | string)[]; y: number[] }): SeriesData {
  // The API answers ISO strings for x only when asked for `iso_time`; they chart as epoch ms.
  const s = series.x.every((x): x is number => typeof x === 'number')
    ? { name: series.name, x: series.x, y: series.y }
    : { name: series.name, x: series.x.map((x) => (typeof x === 'number' ? x : Date.parse(x))), y: series.y };
  if (!s.x.includes(SINGLE_VALUE_ITERATION)) return s;
  const keep = s.x.map((x) => x !== SINGLE_VALUE_ITERATION);
  return { name: s.name, x: s.x.filter((_, i) => keep[i]), y: s.y.filter((_, i) => keep[i]) };
}

function relativeUnit(spanMs: number): { div: number; unit: string } {
  if (spanMs > 2 * 3600_000) return { div: 3600_000, unit: 'h' };
  if (spanMs > 2 * 60_000) return { div: 60_000, unit: 'min' };
  return { div: 1000, unit: 's' };
}

/**
 * One chart of a metric: a line per variant (in compare a colour per task, a line type per
 * variant), the raw line faint under
 * the smoothed one when smoothing is on. Series share a name so the legend toggles both.
 */
export function scalarChartOption(
  title: string,
  series: SeriesData[],
  opts: { xMode: XMode; smoothing: number; logY: boolean; styles?: SeriesStyle[]; zoom?: boolean },
): EChartsOption {
  const startAll = Math.min(...series.map((s) => (s.x.length ? s.x[0] : Infinity)));
  const span = Math.max(...series.map((s) => (s.x.length ? s.x[s.x.length - 1] : -Infinity))) - startAll;
  const rel = relativeUnit(span);
  const mapX = (x: number) => (opts.xMode === 'relative' ? (x - startAll) / rel.div : x);
  const out: Record<string, unknown>[] = [];
  series.forEach((s, i) => {
    const color = opts.styles?.[i]?.color ?? colorFor(i);
    const type = opts.styles?.[i]?.dash ?? 'solid';
    const xs = s.x.map(mapX);
    const raw = xs.map((x, j) => [x, s.y[j]]);
    const smoothed = opts.smoothing > 0;
    out.push({
      name: s.name,
      type: 'line',
      data: raw,
      showSymbol: raw.length < 30,
      symbolSize: 4,
      sampling: 'lttb',
      lineStyle: { width: smoothed ? 1 : 1.6, opacity: smoothed ? 0.25 : 1, color, type },
      itemStyle: { color },
      emphasis: { disabled: true },
      z: 1,
    });
    if (smoothed) {
      const ys = emaSmooth(s.y, opts.smoothing);
      out.push({
        name: s.name,
        type: 'line',
        data: xs.map((x, j) => [x, ys[j]]),
        showSymbol: false,
        lineStyle: { width: 1.8, color, type },
        itemStyle: { color },
        z: 2,
        tooltip: { show: true },
      });
    }
  });
  const xName = opts.xMode === 'iter' ? 'Iterations' : opts.xMode === 'relative' ? `Time from start (${rel.unit})` : 'Wall time';
  return {
    animation: false,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(8))) : String(v)),
    },
    legend: { type: 'scroll', top: 4, right: 8, left: 160 },
    grid: { left: 60, right: 24, top: 44, bottom: opts.zoom ? 64 : 40 },
    xAxis: { type: opts.xMode === 'wall' ? 'time' : 'value', name: xName, nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: opts.logY ? 'log' : 'value', scale: true },
    dataZoom: opts.zoom ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [{ type: 'inside' }],
    series: out,
  };
}
