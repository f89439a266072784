import { expect, it } from 'vitest';
import { parsePlot, toRenderable, type RenderedPlot } from './plotly';

/** The option of a rendered chart, failing the test when it is not a chart. */
function optionOf<T>(r: RenderedPlot): T {
  if (r.kind !== 'echarts') throw new Error(`expected a chart, got ${r.kind}`);
  return r.option as T;
}

// The figures below are what ClearML SDK 1.17 sent in the recorded run.
const confusion =
  '{"data": [{"x": ["cat", "dog", "bird"], "y": ["cat", "dog", "bird"], "z": [[4.0, 4.0, 2.0], [15.0, 18.0, 6.0], [1.0, 13.0, 16.0]], "type": "heatmap", "texttemplate": "%{z}"}], "layout": {"showlegend": true, "title": "confusion", "xaxis": {"title": "predicted"}, "yaxis": {"title": "actual"}}}';
const histogram =
  '{"data": [{"name": "layer1", "y": [18, 27, 5], "x": [0, 1, 2], "type": "bar"}], "layout": {"title": "weights", "xaxis": {"title": "bin"}, "yaxis": {"title": "count"}, "barmode": "group"}}';

it('draws a confusion matrix as a heatmap with its labels and cell values', () => {
  const r = toRenderable(parsePlot(confusion));
  expect(r.kind).toBe('echarts');
  if (r.kind !== 'echarts') return;
  const opt = r.option as {
    xAxis: { data: string[]; name: string };
    yAxis: { data: string[] };
    series: { type: string; data: number[][]; label: { show: boolean } }[];
  };
  expect(opt.xAxis.data).toEqual(['cat', 'dog', 'bird']);
  expect(opt.xAxis.name).toBe('predicted');
  expect(opt.series[0].type).toBe('heatmap');
  expect(opt.series[0].data).toContainEqual([1, 1, 18]);
  expect(opt.series[0].label.show).toBe(true);
});

it('draws bars grouped or stacked, and scatter traces by their mode', () => {
  const bar = toRenderable(parsePlot(histogram));
  expect(bar).toMatchObject({ kind: 'echarts', title: 'weights', seriesCount: 1 });
  const stacked = toRenderable({
    data: [
      { type: 'bar', x: ['a', 'b'], y: [1, 2] },
      { type: 'bar', x: ['a', 'b'], y: [3, 4] },
    ],
    layout: { barmode: 'stack' },
  });
  expect(optionOf<{ series: { stack?: string }[] }>(stacked).series.map((s) => s.stack)).toEqual(['total', 'total']);
  const scatter = toRenderable({
    data: [
      { type: 'scatter', mode: 'markers', x: [1, 2], y: [3, 4], name: 'pts' },
      { type: 'scatter', mode: 'lines', x: [1, 2], y: [1, 1] },
    ],
  });
  const series = optionOf<{ series: { type: string; data: number[][] }[] }>(scatter).series;
  expect(series.map((s) => s.type)).toEqual(['scatter', 'line']);
  expect(series[0].data).toEqual([
    [1, 3],
    [2, 4],
  ]);
});

it('turns a Plotly table into rows, and bins a histogram', () => {
  const t = toRenderable({
    data: [
      {
        type: 'table',
        header: { values: ['epoch', 'loss'] },
        cells: {
          values: [
            [0, 1],
            [0.9, 0.5],
          ],
        },
      },
    ],
  });
  expect(t).toEqual({
    kind: 'table',
    title: '',
    header: ['epoch', 'loss'],
    rows: [
      ['0', '0.9'],
      ['1', '0.5'],
    ],
  });
  const h = toRenderable({ data: [{ type: 'histogram', x: [1, 1, 2, 3, 3, 3], nbinsx: 3 }] });
  expect(optionOf<{ series: { data: number[] }[] }>(h).series[0].data).toEqual([2, 1, 3]);
});

it('shows embedded images, and says why it cannot draw anything else', () => {
  expect(toRenderable({ data: [], layout: { images: [{ source: 'data:image/png;base64,AAAA' }] } })).toMatchObject({
    kind: 'image',
  });
  expect(toRenderable({ data: [{ type: 'sankey' }], layout: { title: { text: 'flows' } } })).toMatchObject({
    kind: 'unknown',
    title: 'flows',
  });
  expect(toRenderable(parsePlot('not json'), 'm / v')).toMatchObject({ kind: 'unknown', title: 'm / v' });
});

it('escapes the labels in a heatmap tooltip: the reporting script chose them', () => {
  const fig = {
    data: [
      {
        type: 'heatmap',
        x: ['<img src=x onerror=alert(1)>', 'b'],
        y: ['"><script>alert(2)</script>', '&'],
        z: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
  };
  const tooltip = optionOf<{ tooltip: { formatter: (p: { value: number[] }) => string } }>(toRenderable(fig)).tooltip;
  expect(tooltip.formatter({ value: [0, 0, 1] })).toBe(
    '&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt; → &lt;img src=x onerror=alert(1)&gt;: 1',
  );
  expect(tooltip.formatter({ value: [1, 1, 4] })).toBe('&amp; → b: 4');
});

it('draws an embedded image only from an http(s) or inline raster source', () => {
  expect(toRenderable({ data: [], layout: { images: [{ source: 'https://example.com/a.png' }] } })).toMatchObject({
    kind: 'image',
    image: { src: 'https://example.com/a.png', referrerPolicy: 'no-referrer' },
  });
  for (const source of [
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:text/html,<script>alert(1)</script>',
  ]) {
    expect(toRenderable({ data: [], layout: { images: [{ source }] } }), source).toMatchObject({ kind: 'unknown' });
  }
});

it("lists every series for the legend beside the chart, in the series' colours, and keeps ECharts' own (paging) legend off", () => {
  const names = Array.from({ length: 12 }, (_, i) => `a rather long series name number ${i}`);
  const r = toRenderable({ data: names.map((name, i) => ({ type: 'scatter', mode: 'lines', name, x: [0, 1], y: [i, i + 1] })) });
  if (r.kind !== 'echarts') throw new Error(r.kind);
  expect(r.legend?.map((l) => l.name)).toEqual(names);
  const opt = r.option as { legend: { show: boolean }; color: string[] };
  expect(opt.legend.show).toBe(false);
  expect(opt.color).toEqual(r.legend?.map((l) => l.color));
  expect(new Set(opt.color).size).toBe(12);
});

it('fits the axes’ names and labels inside the chart box, moved clear of the labels', () => {
  const opt = optionOf<{
    grid: { outerBoundsMode: string; outerBoundsContain: string };
    xAxis: { nameMoveOverlap: boolean };
    yAxis: { nameMoveOverlap: boolean };
  }>(toRenderable(parsePlot(histogram)));
  expect(opt.grid).toMatchObject({ outerBoundsMode: 'same', outerBoundsContain: 'all' });
  expect(opt.xAxis.nameMoveOverlap).toBe(true);
  expect(opt.yAxis.nameMoveOverlap).toBe(true);
});
