import { describe, expect, it } from 'vitest';
import { clone } from 'zrender/lib/core/util';
import { colorFor, type SeriesData } from '../../../components/chart/scalar-chart';
import { compareChartOption, PIECE, TOOLTIP_ROWS, type TaskLine } from './merged-chart';

interface Custom {
  type: string;
  id?: string;
  data: number[][];
  taskLines?: { lines: TaskLine[] };
  renderItem: (params: unknown, api: { value(d: number): number; coord(p: number[]): number[] }) => unknown;
}

const line = (name: string, n: number, f: (i: number) => number): SeriesData => ({
  name,
  x: Array.from({ length: n }, (_, i) => i),
  y: Array.from({ length: n }, (_, i) => f(i)),
});
const BASE = { xMode: 'iter' as const, smoothing: 0, logY: false, legend: false };
const seriesOf = (o: unknown) => (o as { series: Custom[] }).series;
const merged = (o: unknown) => seriesOf(o).find((s) => s.id === 'lines')!;
/** A fake ECharts render api: x × 10 px right, y × 10 px up from 100. */
const api = (row: number[]) => ({ value: (d: number) => row[d], coord: ([x, y]: number[]) => [x * 10, 100 - y * 10] });
type Drawn = { type: string; shape: { points?: number[][] }; style: { stroke?: string }; children?: Drawn[] };
const drawnOf = (o: unknown) =>
  merged(o).data.flatMap((row) => {
    const d = merged(o).renderItem({}, api(row)) as Drawn;
    return d.type === 'group' ? d.children! : [d];
  });

describe('compare chart of many tasks', () => {
  const tasks = Array.from({ length: 200 }, (_, t) => line(`task ${t}`, 50, (i) => t + i / 100));
  const styles = tasks.map((_, t) => ({ color: colorFor(t) }));

  it('draws every task in one series: each line its points and its colour', () => {
    const o = compareChartOption('loss', tasks, { ...BASE, styles });
    // One series of lines, and one that only holds the x values the tooltip snaps to: not a series a task.
    expect(seriesOf(o).map((s) => s.type)).toEqual(['custom', 'custom']);
    const lines = merged(o).taskLines!.lines;
    expect(lines.map((l) => l.name)).toEqual(tasks.map((t) => t.name));
    expect(lines.map((l) => l.lineStyle.color)).toEqual(styles.map((s) => s.color));
    expect(lines[137].data).toEqual(tasks[137].x.map((x, i) => [x, tasks[137].y[i]]));
  });

  it('cuts each line into pieces that join, each with its extent; drawn, they are the line', () => {
    const o = compareChartOption('loss', tasks, { ...BASE, styles });
    const pieces = merged(o).data.filter((p) => p[0] === 137);
    expect(pieces.map((p) => [p[1], p[2]])).toEqual([
      [0, PIECE],
      [PIECE, 49],
    ]);
    expect(pieces[0].slice(3)).toEqual([0, PIECE, 137, 137 + PIECE / 100]);
    const drawn = drawnOf(o).filter((d) => d.style.stroke === colorFor(137));
    const points = drawn.flatMap((d, k) => (k ? d.shape.points!.slice(1) : d.shape.points!));
    expect(points).toEqual(tasks[137].x.map((x, i) => [x * 10, 100 - tasks[137].y[i] * 10]));
  });

  it('brings a hovered task forward and fades the others', () => {
    const o = compareChartOption('loss', tasks, { ...BASE, styles, highlight: new Set(['task 3']) });
    const lines = merged(o).taskLines!.lines;
    expect(lines[3].lineStyle).toMatchObject({ width: 3, opacity: 1 });
    expect(lines.filter((l) => l.lineStyle.opacity < 0.5)).toHaveLength(199);
    expect(lines[3].z).toBeGreaterThan(lines[4].z);
  });

  it('draws a faint raw line under each smoothed one', () => {
    const o = compareChartOption('loss', tasks.slice(0, 3), { ...BASE, smoothing: 0.6 });
    const lines = merged(o).taskLines!.lines;
    expect(lines.map((l) => [l.name, l.lineStyle.opacity])).toEqual([
      ['task 0', 0.25],
      ['task 0', 1],
      ['task 1', 0.25],
      ['task 1', 1],
      ['task 2', 0.25],
      ['task 2', 1],
    ]);
    // Both drawn from the same pieces.
    expect(drawnOf(o)).toHaveLength(2 * merged(o).data.length);
  });

  it('breaks a line where a value cannot be drawn (not a number; not positive on a log axis)', () => {
    const gappy = line('gappy', 10, (i) => (i === 4 ? NaN : i === 7 ? -1 : 1 + i));
    const plain = drawnOf(compareChartOption('c', [gappy], BASE)).filter((d) => d.type === 'polyline');
    expect(plain.map((d) => d.shape.points!.length)).toEqual([4, 5]);
    const log = drawnOf(compareChartOption('c', [gappy], { ...BASE, logY: true })).filter((d) => d.type === 'polyline');
    expect(log.map((d) => d.shape.points!.length)).toEqual([4, 2, 2]);
  });

  it('keeps the bands of a few tasks as series of their own', () => {
    const banded = { ...line('b', 4, (i) => i), band: { x: [0, 1, 2, 3], min: [0, 0, 1, 1], max: [1, 1, 3, 3] } };
    expect(seriesOf(compareChartOption('c', [banded], BASE)).map((s) => s.id)).toEqual(['band:0', 'lines', 'x']);
    expect(seriesOf(compareChartOption('c', [banded], { ...BASE, logY: true })).map((s) => s.id)).toEqual(['lines', 'x']);
  });

  it('is not deep-copied by ECharts: the points are handed over as they are', () => {
    const o = compareChartOption('loss', tasks, BASE);
    const copy = clone(o) as unknown;
    expect(merged(copy).taskLines).toBe(merged(o).taskLines);
  });
});

describe('compare chart tooltip', () => {
  const tip = (o: unknown, x: number) =>
    (o as { tooltip: { formatter(p: unknown): string } }).tooltip.formatter([{ axisValue: x, axisValueLabel: String(x) }]);

  it('names each task with a point at the x, with its value; names escaped', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const o = compareChartOption(
      'c',
      [line('a', 5, (i) => i / 3), line(hostile, 5, (i) => 10 + i), line('late', 2, () => 7)],
      BASE,
    );
    const html = tip(o, 3);
    expect(html).toContain('>a<');
    expect(html).toContain(String(Number((3 / 3).toPrecision(8))));
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('>13<');
    // No point at x = 3: not listed.
    expect(html).not.toContain('late');
    expect(tip(o, 1)).toContain('late');
  });

  it('lists the first tasks and says how many more', () => {
    const many = Array.from({ length: 50 }, (_, t) => line(`t${t}`, 3, () => t));
    const html = tip(compareChartOption('c', many, BASE), 1);
    expect(html.match(/border-radius/g)).toHaveLength(TOOLTIP_ROWS);
    expect(html).toContain(`… and ${50 - TOOLTIP_ROWS} more`);
  });

  it('offers the tooltip every x that a line has a point at, to snap to', () => {
    const o = compareChartOption('c', [line('a', 3, (i) => i), { name: 'b', x: [1, 5], y: [0, 0] }], BASE);
    expect(seriesOf(o).find((s) => s.id === 'x')!.data).toEqual([[0], [1], [2], [5]]);
  });
});
