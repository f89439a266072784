/**
 * How hyper-parameters relate to a result across the compared tasks: a scatter of one
 * parameter against a metric's last value, and parallel coordinates over the parameters
 * that differ, ending in that metric.
 */
import type { EChartsOption } from '../../../components/chart/plotly';
import type { Task } from '../../../shared/api/records';
import { escapeHtml } from '../../../shared/html';
import { nameTruncate } from '../../../components/chart/axis-name';

export interface MetricChoice {
  key: string;
  metric: string;
  variant: string;
}

const paramValue = (t: Task, key: string): string | undefined => {
  const slash = key.indexOf('/');
  return t.hyperparams?.[key.slice(0, slash)]?.[key.slice(slash + 1)]?.value;
};

export function metricValue(t: Task, m: MetricChoice): number | undefined {
  for (const v of Object.values(t.last_metrics ?? {}))
    for (const e of Object.values(v)) if (e.metric === m.metric && e.variant === m.variant) return e.value;
  return undefined;
}

const allParams = (tasks: Task[]) =>
  [
    ...new Set(
      tasks.flatMap((t) => Object.entries(t.hyperparams ?? {}).flatMap(([s, ps]) => Object.keys(ps).map((n) => `${s}/${n}`))),
    ),
  ].sort();

/** The `section/name` keys whose values are not the same in every task, sorted. */
export function differingParams(tasks: Task[]): string[] {
  return allParams(tasks).filter((k) => new Set(tasks.map((t) => paramValue(t, k) ?? '')).size > 1);
}

/** Every `section/name` any task has, sorted; those whose values differ first. */
export function paramChoices(tasks: Task[]): string[] {
  const differing = differingParams(tasks);
  return [...differing, ...allParams(tasks).filter((k) => !differing.includes(k))];
}

/** Every metric/variant with a last value (machine monitoring left out). */
export function metricChoices(tasks: Task[]): MetricChoice[] {
  const out = new Map<string, MetricChoice>();
  for (const t of tasks) {
    for (const v of Object.values(t.last_metrics ?? {})) {
      for (const e of Object.values(v))
        if (!e.metric.startsWith(':monitor:'))
          out.set(`${e.metric}/${e.variant}`, { key: `${e.metric}/${e.variant}`, metric: e.metric, variant: e.variant });
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const isNumeric = (values: (string | undefined)[]) =>
  values.every((v) => v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)));

/** An axis for a parameter: numeric when every task's value is a number, else its values as categories. */
function paramAxis(
  tasks: Task[],
  key: string,
): { numeric: boolean; categories: string[]; value: (t: Task) => number | string | null } {
  const values = tasks.map((t) => paramValue(t, key));
  if (isNumeric(values)) return { numeric: true, categories: [], value: (t) => Number(paramValue(t, key)) };
  const categories = [...new Set(values.map((v) => v ?? '∅'))].sort();
  return { numeric: false, categories, value: (t) => paramValue(t, key) ?? '∅' };
}

export function scatterOption(tasks: Task[], param: string, metric: MetricChoice, colors: string[]): EChartsOption {
  const axis = paramAxis(tasks, param);
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { seriesName: string; value: [number | string, number] }) =>
        [p.seriesName, `${param}: ${p.value[0]}`, `${metric.key}: ${p.value[1]}`].map(escapeHtml).join('<br/>'),
    },
    legend: { type: 'scroll', top: 4 },
    grid: { left: 64, right: 24, top: 40, bottom: 48 },
    xAxis: axis.numeric
      ? { type: 'value', name: param, nameLocation: 'middle', nameGap: 28, nameTruncate: nameTruncate('x'), scale: true }
      : {
          type: 'category',
          data: axis.categories,
          name: param,
          nameLocation: 'middle',
          nameGap: 28,
          nameTruncate: nameTruncate('x'),
        },
    yAxis: { type: 'value', name: metric.key, nameLocation: 'middle', nameGap: 48, nameTruncate: nameTruncate('y'), scale: true },
    series: tasks.map((t, i) => {
      const y = metricValue(t, metric);
      return {
        name: t.name,
        type: 'scatter',
        symbolSize: 14,
        itemStyle: { color: colors[i] },
        data: y === undefined ? [] : [[axis.value(t), y]],
      };
    }),
  };
}

/**
 * Parallel coordinates. ECharts draws every axis's values to its right, across the lines that leave it: each value
 * gets a halo of the chart's background (`paper`), so it stays readable over them, as Plotly's parcoords draws its ticks.
 */
export function parallelOption(
  tasks: Task[],
  params: string[],
  metric: MetricChoice,
  colors: string[],
  paper: string,
): EChartsOption {
  const axes = params.map((p) => ({ key: p, ...paramAxis(tasks, p) }));
  return {
    animation: false,
    tooltip: { trigger: 'item', confine: true },
    legend: { type: 'scroll', top: 4 },
    parallel: {
      // The same room on both sides: half the end axes' names, and the last axis's values.
      left: 64,
      right: 64,
      top: 80,
      bottom: 32,
      parallelAxisDefault: { axisLabel: { textBorderColor: paper, textBorderWidth: 3 } },
    },
    parallelAxis: [
      ...axes.map((a, dim) =>
        a.numeric ? { dim, name: a.key, type: 'value', scale: true } : { dim, name: a.key, type: 'category', data: a.categories },
      ),
      { dim: axes.length, name: metric.key, type: 'value', scale: true },
    ],
    series: tasks.map((t, i) => ({
      name: t.name,
      type: 'parallel',
      lineStyle: { width: 3, color: colors[i], opacity: 0.9 },
      data: [[...axes.map((a) => a.value(t)), metricValue(t, metric) ?? null]],
    })),
  };
}
