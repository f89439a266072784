import type { EChartsOption } from '../../../components/chart/plotly';
import {
  bandSeries,
  colorFor,
  scalarChartFrame,
  xMapping,
  type RenderApi,
  type ScalarChartOptions,
  type SeriesData,
} from '../../../components/chart/scalar-chart';
import { smooth, smooths } from '../../../components/chart/smoothing';
import { escapeHtml } from '../../../shared/html';

/**
 * One task's line (of one variant) in the merged series, shaped like a line series' option (name, data, lineStyle) so that
 * whoever reads the chart's option (tests, the bench) reads both alike. The raw line, then its smoothed one when smoothing.
 */
export interface TaskLine {
  name: string;
  type: 'line';
  data: [number, number][];
  lineStyle: { color: string; width: number; opacity: number; type: 'solid' | 'dashed' | 'dotted' };
  /** Points drawn as dots too (a short line, as ECharts shows a line series of under 30 points). */
  showSymbol: boolean;
  /** Stacking among the lines: a hovered task's on top. */
  z: number;
}

/** The key by which ECharts' (zrender's) clone leaves an object as it is (zrender/lib/core/util's setAsPrimitive). */
export const ECHARTS_KEEP = '__ec_primitive__';

/** Points per drawn piece: zooming keeps the pieces in view (and the y axis fits them), so a piece is a part of a line. */
export const PIECE = 32;

/** A drawn piece: [line index, first point, last point, x low, x high, y low, y high]. */
type Piece = [number, number, number, number, number, number, number];

/**
 * The compare chart: every task's line in ONE custom series instead of a line series each. ECharts set up each of 400
 * line series (200 tasks × 2 variants) on its own — its data store, its sampling, its axis-tooltip lookup — and that
 * was most of the first chart's time. Here each line is a few polylines (pieces of PIECE points, so that a zoomed axis
 * fits what is in view), its colour the task's, bold when hovered in the legend and the others faded; the axis tooltip
 * names the tasks with their value at the pointer. Bands (ten tasks or fewer) stay series of their own.
 */
export function compareChartOption(title: string, series: SeriesData[], opts: ScalarChartOptions): EChartsOption {
  const map = xMapping(series, opts.xMode);
  const type = opts.smoothingType ?? (opts.smoothing > 0 ? 'ema' : 'none');
  const smoothed = smooths(type, opts.smoothing);
  const lines: TaskLine[] = [];
  /** Index in `lines` of each series' raw line (its smoothed one follows it). */
  const rawAt: number[] = [];
  const bands: Record<string, unknown>[] = [];
  const pieces: Piece[] = [];
  const logY = opts.logY;
  const drawable = (y: number) => Number.isFinite(y) && (!logY || y > 0);
  series.forEach((s, i) => {
    const color = opts.styles?.[i]?.color ?? colorFor(i);
    const dash = opts.styles?.[i]?.dash ?? 'solid';
    const faded = !!opts.highlight && opts.highlight.size > 0 && !opts.highlight.has(s.name);
    const bold = !!opts.highlight?.has(s.name);
    const fade = faded ? 0.12 : 1;
    const xs = s.x.map(map.toAxis);
    if (s.band && !logY) bands.push(bandSeries(s.name, s.band, i, map, color, fade));
    const at = lines.length;
    rawAt.push(at);
    lines.push({
      name: s.name,
      type: 'line',
      data: xs.map((x, j) => [x, s.y[j]]),
      showSymbol: xs.length < 30,
      lineStyle: { width: bold ? 3 : smoothed ? 1 : 1.6, opacity: (smoothed ? 0.25 : 1) * fade, color, type: dash },
      z: bold ? 3 : 1,
    });
    let ys = s.y;
    if (smoothed) {
      ys = smooth(s.y, type, opts.smoothing);
      lines.push({
        name: s.name,
        type: 'line',
        data: xs.map((x, j) => [x, ys[j]]),
        showSymbol: false,
        lineStyle: { width: bold ? 3 : 1.8, color, type: dash, opacity: fade },
        z: bold ? 4 : 2,
      });
    }
    // Pieces overlap by a point, so that the line runs on unbroken from one to the next.
    for (let from = 0; from < xs.length; from += PIECE) {
      const to = Math.min(xs.length - 1, from + PIECE);
      let lo = Infinity;
      let hi = -Infinity;
      for (let j = from; j <= to; j++) {
        const a = s.y[j];
        const b = ys[j];
        if (drawable(a)) {
          if (a < lo) lo = a;
          if (a > hi) hi = a;
        }
        if (b !== a && drawable(b)) {
          if (b < lo) lo = b;
          if (b > hi) hi = b;
        }
      }
      if (lo <= hi) pieces.push([at, from, to, xs[from], xs[to], lo, hi]);
      if (to === xs.length - 1) break;
    }
  });

  /**
   * Axis value to pixel: linear axes (value, time) from two points that ECharts maps (a call to api.coord per point was
   * the drawing's largest cost); a log axis point by point.
   */
  const toPixel = (api: RenderApi): ((x: number, y: number) => [number, number]) => {
    if (logY) return (x, y) => api.coord([x, y]) as [number, number];
    const a = api.coord([0, 0]);
    const b = api.coord([1, 1]);
    const kx = b[0] - a[0];
    const ky = b[1] - a[1];
    return (x, y) => [a[0] + x * kx, a[1] + y * ky];
  };

  /** A piece of a line as polylines (broken where a value cannot be drawn), and dots for a short line. */
  const draw = (line: TaskLine, from: number, to: number, px: (x: number, y: number) => [number, number], out: object[]) => {
    const style = {
      stroke: line.lineStyle.color,
      lineWidth: line.lineStyle.width,
      opacity: line.lineStyle.opacity,
      lineDash: line.lineStyle.type === 'solid' ? undefined : line.lineStyle.type,
      fill: null,
    };
    let run: number[][] = [];
    const flush = () => {
      if (run.length > 1) out.push({ type: 'polyline', shape: { points: run }, style, z2: line.z, silent: true });
      run = [];
    };
    for (let j = from; j <= to; j++) {
      const [x, y] = line.data[j];
      if (!drawable(y)) {
        flush();
        continue;
      }
      const p = px(x, y);
      run.push(p);
      if (line.showSymbol)
        out.push({
          type: 'circle',
          shape: { cx: p[0], cy: p[1], r: 2 },
          style: { fill: line.lineStyle.color, opacity: line.lineStyle.opacity < 0.5 ? line.lineStyle.opacity : 1 },
          z2: line.z,
          silent: true,
        });
    }
    flush();
  };

  const frame = scalarChartFrame(title, map, opts) as Record<string, unknown>;
  const merged = {
    id: 'lines',
    name: 'lines',
    type: 'custom',
    /**
     * Every task's lines, read by the drawing and the tooltip (and by tests, from the chart's option). Marked as ECharts
     * marks its own primitives: setOption deep-copies an option, and copying every point was a fifth of the drawing.
     */
    taskLines: { lines, [ECHARTS_KEEP]: true },
    data: pieces,
    dimensions: ['line', 'from', 'to', 'x0', 'x1', 'y0', 'y1'],
    encode: { x: [3, 4], y: [5, 6] },
    renderItem: (_params: unknown, api: RenderApi) => {
      const at = api.value(0);
      const from = api.value(1);
      const to = api.value(2);
      const px = toPixel(api);
      const children: object[] = [];
      draw(lines[at], from, to, px, children);
      if (smoothed) draw(lines[at + 1], from, to, px, children);
      // A group only when there is more than a polyline: an element less for each piece.
      return children.length === 1 ? children[0] : { type: 'group', children };
    },
    clip: true,
    silent: true,
    // The axis tooltip snaps to the nearest x of the series it reads; a piece's ends are not the points: see `xs` below.
    tooltip: { show: false },
    z: 1,
  };
  // Every x that a line has a point at, drawn as nothing: the axis pointer snaps to the nearest one, as it does to a
  // line series' points, and the tooltip lists the tasks with a point there.
  const xs = new Set<number>();
  for (const at of rawAt) for (const [x] of lines[at].data) xs.add(x);
  const points = {
    id: 'x',
    name: 'x',
    type: 'custom',
    data: [...xs].sort((a, b) => a - b).map((x) => [x]),
    dimensions: ['x'],
    encode: { x: 0 },
    renderItem: () => null,
    silent: true,
  };
  return {
    ...frame,
    tooltip: {
      ...(frame.tooltip as Record<string, unknown>),
      formatter: (params: unknown) => tooltipHtml(params, lines, rawAt, smoothed),
    },
    // A piece is kept while any of it is in the zoomed window (the default drops an item with an end outside it).
    dataZoom: (frame.dataZoom as Record<string, unknown>[]).map((d) => ({ ...d, filterMode: 'weakFilter' })),
    series: [...bands, merged, points],
  };
}

/** Index of the point of `data` (sorted by x) nearest to x. */
function nearest(data: [number, number][], x: number): number {
  let lo = 0;
  let hi = data.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data[mid][0] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - data[lo - 1][0] <= data[lo][0] - x ? lo - 1 : lo;
}

const num = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(8))) : '–');

/** Tasks listed in the tooltip at most: two hundred rows run off the screen. */
export const TOOLTIP_ROWS = 20;

/**
 * The axis tooltip: the x the pointer snapped to (the nearest x of any point), then the value of each task with a point
 * there (its smoothed value first when smoothing, the raw one after it), as ECharts' own axis tooltip lists line series;
 * past TOOLTIP_ROWS tasks, how many more. Names are escaped: the tooltip is HTML.
 */
export function tooltipHtml(params: unknown, lines: TaskLine[], rawAt: number[], smoothed: boolean): string {
  const p = (Array.isArray(params) ? params[0] : params) as { axisValue?: unknown; axisValueLabel?: unknown } | undefined;
  const x = Number(p?.axisValue);
  if (!p || !Number.isFinite(x)) return '';
  const shown: { at: number; j: number }[] = [];
  for (const at of rawAt) {
    const data = lines[at].data;
    if (!data.length) continue;
    const j = nearest(data, x);
    if (data[j][0] === x) shown.push({ at, j });
  }
  const head = `<div style="margin-bottom:4px">${escapeHtml(p.axisValueLabel ?? num(x))}</div>`;
  const rows = shown.slice(0, TOOLTIP_ROWS).map(({ at, j }) => {
    const raw = lines[at];
    const value = smoothed
      ? `${num(lines[at + 1].data[j][1])} <span style="opacity:0.6">(${num(raw.data[j][1])})</span>`
      : num(raw.data[j][1]);
    return (
      `<div style="display:flex;gap:12px;align-items:center"><span style="flex:none;width:10px;height:10px;border-radius:5px;` +
      `background:${escapeHtml(raw.lineStyle.color)}"></span><span style="flex:1">${escapeHtml(raw.name)}</span>` +
      `<b>${value}</b></div>`
    );
  });
  const more = shown.length > TOOLTIP_ROWS ? `<div style="opacity:0.7">… and ${shown.length - TOOLTIP_ROWS} more</div>` : '';
  return head + rows.join('') + more;
}
