import { expect, it } from 'vitest';
import type { Task } from '../../../shared/entities';
import { differingParams, metricChoices, paramChoices, parallelOption, scatterOption } from './hyperparam-charts';

const task = (name: string, lr: string, opt: string, acc: number) =>
  ({
    id: name, name,
    hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: lr }, optimizer: { section: 'Args', name: 'optimizer', value: opt }, epochs: { section: 'Args', name: 'epochs', value: '10' } } },
    last_metrics: { a: { b: { metric: 'accuracy', variant: 'val', value: acc } }, m: { c: { metric: ':monitor:machine', variant: 'cpu', value: 50 } } },
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
  const s = scatterOption(tasks, 'Args/lr', acc, colors) as { xAxis: { type: string }; series: { name: string; data: unknown[][] }[] };
  expect(s.xAxis.type).toBe('value');
  expect(s.series.map((x) => [x.name, x.data])).toEqual([['a', [[0.1, 0.9]]], ['b', [[0.01, 0.95]]]]);
  const p = parallelOption(tasks, differingParams(tasks), acc, colors) as { parallelAxis: { type: string; data?: string[] }[]; series: { data: unknown[][] }[] };
  expect(p.parallelAxis.map((a) => a.type)).toEqual(['value', 'category', 'value']);
  expect(p.parallelAxis[1].data).toEqual(['adam', 'sgd']);
  expect(p.series[1].data).toEqual([[0.01, 'adam', 0.95]]);
});

it('escapes task and parameter names in the scatter tooltip (it is HTML)', () => {
  const acc = metricChoices(tasks)[0];
  const s = scatterOption(tasks, 'Args/<b>', acc, colors) as { tooltip: { formatter: (p: { seriesName: string; value: [string, number] }) => string } };
  expect(s.tooltip.formatter({ seriesName: '<script>x</script>', value: ['"v"', 1] })).toBe('&lt;script&gt;x&lt;/script&gt;<br/>Args/&lt;b&gt;: &quot;v&quot;<br/>accuracy/val: 1');
});
