import { expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import { differingParams, metricChoices, paramChoices, parallelOption, scatterOption } from './hyperparam-charts';

const task = (name: string, lr: string, opt: string, acc: number) =>
  ({
    id: name,
    name,
    hyperparams: {
      Args: {
        lr: { section: 'Args', name: 'lr', value: lr },
        optimizer: { section: 'Args', name: 'optimizer', value: opt },
        epochs: { section: 'Args', name: 'epochs', value: '10' },
      },
    },
    last_metrics: {
      a: { b: { metric: 'accuracy', variant: 'val', value: acc } },
      m: { c: { metric: ':monitor:machine', variant: 'cpu', value: 50 } },
    },
  }) as unknown as Task;
const tasks = [task('a', '0.1', 'sgd', 0.9), task('b', '0.01', 'adam', 0.95)];
const colors = ['#111111', '#222222'];

it('offers differing parameters first, and metrics without machine monitoring', () => {
  expect(paramChoices(tasks)).toEqual(['Args/lr', 'Args/optimizer', 'Args/epochs']);
  expect(differingParams(tasks)).toEqual(['Args/lr', 'Args/optimizer']);
  expect(metricChoices(tasks).map((m) => m.key)).toEqual(['accuracy/val']);
});

it('plots a numeric parameter on a value axis and a text one as categories', () => {
  const acc = metricChoices(tasks)[0];
  const s = scatterOption(tasks, 'Args/lr', acc, colors) as {
    xAxis: { type: string };
    series: { name: string; data: unknown[][] }[];
  };
  expect(s.xAxis.type).toBe('value');
  expect(s.series.map((x) => [x.name, x.data])).toEqual([
    ['a', [[0.1, 0.9]]],
    ['b', [[0.01, 0.95]]],
  ]);
  const p = parallelOption(tasks, differingParams(tasks), acc, colors, '#fff') as {
    parallel: { parallelAxisDefault: { axisLabel: { textBorderColor: string } } };
    parallelAxis: { type: string; data?: string[] }[];
    series: { data: unknown[][] }[];
  };
  expect(p.parallelAxis.map((a) => a.type)).toEqual(['value', 'category', 'value']);
  expect(p.parallelAxis[1].data).toEqual(['adam', 'sgd']);
  expect(p.series[1].data).toEqual([[0.01, 'adam', 0.95]]);
  // The axes' values, drawn across the lines, are ringed in the chart's background colour.
  expect(p.parallel.parallelAxisDefault.axisLabel.textBorderColor).toBe('#fff');
});

it('escapes task, parameter and metric names in the scatter tooltip', () => {
  const acc = { key: 'acc<svg onload=alert(1)>', metric: 'acc', variant: 'x' };
  const s = scatterOption(tasks, 'Args/<b>lr</b>', acc, colors) as {
    tooltip: { formatter: (p: { seriesName: string; value: [string, number] }) => string };
  };
  expect(s.tooltip.formatter({ seriesName: '<img src=x onerror=alert(2)>', value: ['"><script>', 0.5] })).toBe(
    '&lt;img src=x onerror=alert(2)&gt;<br/>Args/&lt;b&gt;lr&lt;/b&gt;: &quot;&gt;&lt;script&gt;<br/>acc&lt;svg onload=alert(1)&gt;: 0.5',
  );
});
