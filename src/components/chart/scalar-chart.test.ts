import { expect, it } from 'vitest';
import { chartable, scalarChartOption } from './scalar-chart';

it('leaves single values out of charts', () => {
  expect(chartable({ name: 'v', x: [-2147483648, 1, 2], y: [9, 1, 2] })).toEqual({ name: 'v', x: [1, 2], y: [1, 2] });
});

it('charts ISO-time x values (key iso_time) as epoch milliseconds', () => {
  expect(chartable({ name: 'v', x: ['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:21.500Z'], y: [1, 2] })).toEqual({
    name: 'v',
    x: [1_700_000_000_000, 1_700_000_001_500],
    y: [1, 2],
  });
});

it('draws one line per variant, and a faint raw line under a smoothed one', () => {
  const s = [
    { name: 'train', x: [0, 1, 2], y: [3, 2, 1] },
    { name: 'val', x: [0, 1, 2], y: [4, 3, 2] },
  ];
  const plain = scalarChartOption('loss', s, { xMode: 'iter', smoothing: 0, logY: false }) as { series: { name: string }[] };
  expect(plain.series.map((x) => x.name)).toEqual(['train', 'val']);
  const smooth = scalarChartOption('loss', s, { xMode: 'iter', smoothing: 0.6, logY: true }) as {
    series: { name: string; lineStyle: { opacity?: number } }[];
    yAxis: { type: string };
  };
  expect(smooth.series).toHaveLength(4);
  expect(smooth.series[0].lineStyle.opacity).toBeLessThan(1);
  expect(smooth.yAxis.type).toBe('log');
});

it('shows time from start in a readable unit', () => {
  const o = scalarChartOption('m', [{ name: 'v', x: [1000, 601_000], y: [1, 2] }], {
    xMode: 'relative',
    smoothing: 0,
    logY: false,
  }) as { series: { data: number[][] }[]; xAxis: { name: string } };
  expect(o.xAxis.name).toBe('Time from start (min)');
  expect(o.series[0].data.map((p) => p[0])).toEqual([0, 10]);
});

it('draws each series in its given colour and line type, solid by default', () => {
  const s = [
    { name: 'a · train', x: [0, 1], y: [1, 2] },
    { name: 'a · val', x: [0, 1], y: [2, 3] },
    { name: 'b', x: [0, 1], y: [0, 1] },
  ];
  const o = scalarChartOption('loss', s, {
    xMode: 'iter',
    smoothing: 0,
    logY: false,
    styles: [{ color: '#111111' }, { color: '#111111', dash: 'dashed' }],
  }) as {
    series: { lineStyle: { color: string; type: string } }[];
  };
  expect(o.series.map((x) => x.lineStyle.type)).toEqual(['solid', 'dashed', 'solid']);
  expect(o.series[0].lineStyle.color).toBe('#111111');
  expect(o.series[2].lineStyle.color).not.toBe('#111111');
});
