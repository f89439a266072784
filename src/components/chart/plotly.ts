/**
 * Turns the Plotly figures the ClearML SDK sends (`plot_str`) into something we can draw:
 * an ECharts option, a table, or an embedded image. Anything else is `unknown`, and the
 * caller shows the raw JSON instead of a blank box.
 */

import { escapeHtml } from '../../shared/html';
import { safeImageSrc, type ImageSource } from '../../shared/urls';
import { colorFor } from './scalar-chart';
import { nameTruncate } from './axis-name';

export interface PlotlyTrace {
  type?: string;
  mode?: string;
  name?: string;
  x?: unknown[];
  y?: unknown[];
  z?: unknown[][];
  text?: unknown;
  orientation?: 'v' | 'h';
  nbinsx?: number;
  header?: { values?: unknown[] };
  cells?: { values?: unknown[][] };
  marker?: { color?: unknown };
  line?: { color?: string };
}

export interface PlotlyFigure {
  data?: PlotlyTrace[];
  layout?: {
    title?: string | { text?: string };
    xaxis?: { title?: string | { text?: string }; type?: string };
    yaxis?: { title?: string | { text?: string }; type?: string };
    barmode?: string;
    images?: { source?: string }[];
  };
}

/** A series as the legend beside a plot lists it. */
export interface LegendEntry {
  name: string;
  color: string;
}

/** A plain ECharts option (kept loose: it is handed to echarts as is). */
export type EChartsOption = Record<string, unknown>;

export type RenderedPlot =
  | { kind: 'echarts'; title: string; option: EChartsOption; seriesCount: number; legend?: LegendEntry[] }
  | { kind: 'table'; title: string; header: string[]; rows: string[][] }
  | { kind: 'image'; title: string; image: ImageSource }
  | { kind: 'unknown'; title: string; reason: string };

const text = (t: string | { text?: string } | undefined): string => (typeof t === 'string' ? t : (t?.text ?? ''));

export function parsePlot(plotStr: string): PlotlyFigure | null {
  try {
    const v = JSON.parse(plotStr) as unknown;
    return v && typeof v === 'object' ? (v as PlotlyFigure) : null;
  } catch {
    return null;
  }
}

function isNumeric(values: unknown[] | undefined): boolean {
  return !!values?.length && values.every((v) => typeof v === 'number' || v === null);
}

function baseOption(fig: PlotlyFigure, categories: unknown[] | undefined, horizontal = false): EChartsOption {
  const l = fig.layout ?? {};
  const catAxis = (axis: 'x' | 'y') => ({
    type: 'category',
    data: categories?.map(String),
    name: text(horizontal ? l.yaxis?.title : l.xaxis?.title),
    nameLocation: 'middle',
    nameGap: 12,
    nameMoveOverlap: true,
    nameTruncate: nameTruncate(axis),
  });
  const valAxis = (title: string, log: boolean, axis: 'x' | 'y') => ({
    type: log ? 'log' : 'value',
    name: title,
    nameLocation: 'middle',
    nameGap: 12,
    nameMoveOverlap: true,
    nameTruncate: nameTruncate(axis),
    scale: true,
  });
  const xAxis = categories && !horizontal ? catAxis('x') : valAxis(text(l.xaxis?.title), l.xaxis?.type === 'log', 'x');
  const yAxis = categories && horizontal ? catAxis('y') : valAxis(text(l.yaxis?.title), l.yaxis?.type === 'log', 'y');
  return {
    animation: false,
    tooltip: { trigger: 'axis', confine: true },
    // The legend is drawn as a list above the chart (PlotLegend): ECharts' own pages its names behind arrows.
    legend: { show: false },
    // The axes' labels and names are fitted inside the chart's box, so a name never lies over the labels or the plot.
    grid: { left: 4, right: 16, top: 12, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis,
    yAxis,
  };
}

/** The option with a colour per series, and the legend entries that match them. */
function withLegend(title: string, option: EChartsOption, series: { name: string }[]): RenderedPlot {
  const legend = series.map((s, i) => ({ name: s.name, color: colorFor(i) }));
  return {
    kind: 'echarts',
    title,
    option: { ...option, color: legend.map((l) => l.color), series },
    seriesCount: series.length,
    legend,
  };
}

function histogramBins(values: number[], bins: number): { labels: string[]; counts: number[] } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  const labels = counts.map((_, i) => (min + i * width).toPrecision(3));
  return { labels, counts };
}

function xyChart(fig: PlotlyFigure, traces: PlotlyTrace[], title: string): RenderedPlot {
  const catX = traces.some((t) => t.x && !isNumeric(t.x)) ? traces.find((t) => t.x)?.x : undefined;
  const option = baseOption(fig, catX);
  const series = traces.map((t, i) => {
    const mode = t.mode ?? (t.type === 'scatter' ? 'lines+markers' : 'lines');
    const ys = (t.y ?? []) as (number | null)[];
    const xs = t.x ?? ys.map((_, j) => j);
    const lines = mode.includes('lines');
    return {
      name: t.name ?? `series ${i + 1}`,
      type: lines ? 'line' : 'scatter',
      showSymbol: mode.includes('markers'),
      symbolSize: lines ? 4 : 6,
      data: catX ? ys : xs.map((x, j) => [x, ys[j]]),
    };
  });
  return withLegend(title, option, series);
}

function barChart(fig: PlotlyFigure, traces: PlotlyTrace[], title: string): RenderedPlot {
  const horizontal = traces[0].orientation === 'h';
  const cats = (horizontal ? traces[0].y : traces[0].x) ?? ((horizontal ? traces[0].x : traces[0].y) ?? []).map((_, i) => i);
  const option = baseOption(fig, cats, horizontal);
  const stacked = fig.layout?.barmode === 'stack' || fig.layout?.barmode === 'relative';
  const series = traces.map((t, i) => ({
    name: t.name ?? `series ${i + 1}`,
    type: 'bar',
    stack: stacked ? 'total' : undefined,
    data: (horizontal ? t.x : t.y) ?? [],
  }));
  return withLegend(title, option, series);
}

function histogram(fig: PlotlyFigure, traces: PlotlyTrace[], title: string): RenderedPlot {
  const first = histogramBins(
    (traces[0].x ?? []).filter((v): v is number => typeof v === 'number'),
    traces[0].nbinsx ?? 20,
  );
  const option = baseOption(fig, first.labels);
  const series = traces.map((t, i) => ({
    name: t.name ?? `series ${i + 1}`,
    type: 'bar',
    barCategoryGap: '2%',
    data: histogramBins(
      (t.x ?? []).filter((v): v is number => typeof v === 'number'),
      t.nbinsx ?? 20,
    ).counts,
  }));
  return withLegend(title, option, series);
}

function heatmap(fig: PlotlyFigure, t: PlotlyTrace, title: string): RenderedPlot {
  const z = (t.z ?? []) as number[][];
  const xs = (t.x ?? z[0]?.map((_, i) => i) ?? []).map(String);
  const ys = (t.y ?? z.map((_, i) => i)).map(String);
  const data: [number, number, number][] = [];
  let min = Infinity;
  let max = -Infinity;
  z.forEach((row, yi) =>
    row.forEach((v, xi) => {
      data.push([xi, yi, v]);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }),
  );
  const l = fig.layout ?? {};
  // Every class gets its label on both axes (ECharts would skip some when they crowd); many turn aslant instead.
  const slant = xs.length > 6;
  const option: EChartsOption = {
    animation: false,
    tooltip: {
      position: 'top',
      confine: true,
      // The labels come from the script that reported the plot: HTML-escaped, as ECharts sets this as markup.
      formatter: (p: { value: [number, number, number] }) =>
        `${escapeHtml(ys[p.value[1]])} → ${escapeHtml(xs[p.value[0]])}: ${escapeHtml(p.value[2])}`,
    },
    // The colour scale stands to the right, clear of the x axis and its name.
    grid: { left: 80, right: 96, top: 24, bottom: slant ? 84 : 56 },
    xAxis: {
      type: 'category',
      data: xs,
      name: text(l.xaxis?.title),
      nameLocation: 'middle',
      nameGap: slant ? 56 : 28,
      nameTruncate: nameTruncate('x'),
      splitArea: { show: true },
      axisLabel: { interval: 0, hideOverlap: false, rotate: slant ? 40 : 0 },
    },
    yAxis: {
      type: 'category',
      data: ys,
      name: text(l.yaxis?.title),
      nameLocation: 'middle',
      nameGap: 60,
      nameTruncate: nameTruncate('y'),
      splitArea: { show: true },
      axisLabel: { interval: 0, hideOverlap: false },
    },
    visualMap: {
      min: Number.isFinite(min) ? min : 0,
      max: Number.isFinite(max) ? max : 1,
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 120,
    },
    series: [{ name: t.name ?? title, type: 'heatmap', data, label: { show: z.length * (z[0]?.length ?? 0) <= 400 } }],
  };
  return { kind: 'echarts', title, option, seriesCount: 1 };
}

function table(t: PlotlyTrace, title: string): RenderedPlot {
  const header = (t.header?.values ?? []).map((v) => String(Array.isArray(v) ? v.join(' ') : (v ?? '')));
  const cols = t.cells?.values ?? [];
  const n = Math.max(0, ...cols.map((c) => c.length));
  const rows = Array.from({ length: n }, (_, r) => cols.map((c) => String(c[r] ?? '')));
  return { kind: 'table', title, header, rows };
}

export function toRenderable(fig: PlotlyFigure | null, fallbackTitle = ''): RenderedPlot {
  if (!fig) return { kind: 'unknown', title: fallbackTitle, reason: 'not a Plotly figure' };
  const title = text(fig.layout?.title) || fallbackTitle;
  const traces = fig.data ?? [];
  const image = fig.layout?.images?.find((i) => i.source)?.source;
  if (!traces.length && image) {
    const source = safeImageSrc(image);
    return source
      ? { kind: 'image', title, image: source }
      : {
          kind: 'unknown',
          title,
          reason: 'its image is neither an http(s) address (of this server, only its files) nor an inline raster image',
        };
  }
  if (!traces.length) return { kind: 'unknown', title, reason: 'the figure has no data' };
  const type = traces[0].type ?? 'scatter';
  if (type === 'table') return table(traces[0], title);
  if (type === 'heatmap') return heatmap(fig, traces[0], title);
  if (type === 'histogram') return histogram(fig, traces, title);
  if (type === 'bar')
    return barChart(
      fig,
      traces.filter((t) => (t.type ?? 'bar') === 'bar'),
      title,
    );
  if (type === 'scatter' || type === 'scattergl')
    return xyChart(
      fig,
      traces.filter((t) => (t.type ?? 'scatter').startsWith('scatter')),
      title,
    );
  return { kind: 'unknown', title, reason: `plots of type "${type}" are not drawn yet` };
}
