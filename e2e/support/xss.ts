import type { Page } from 'playwright-core';
import type { ApiClient } from '../../src/client';

/**
 * Script payloads for the XSS corpus. Each one reports through `window.__xss(<what ran>)`, which the
 * test exposes with `page.exposeFunction`, so a payload that runs is recorded by name.
 */
const slug = (field: string) => field.replace(/\W+/g, '_');
export const markup = (field: string): string =>
  `${field} <img src=x onerror=__xss('img:${slug(field)}')> <svg onload=__xss('svg:${slug(field)}')> "><script>__xss('script:${slug(field)}')</script>`;
/** Without a slash, for names the server splits on `/` (projects). */
export const markupNoSlash = (field: string): string =>
  `${field} <img src=x onerror=__xss('img:${slug(field)}')> <svg onload=__xss('svg:${slug(field)}')> "><b>`;
export const jsUrl = (field: string): string => `javascript:__xss('url:${field}')`;

export interface Corpus {
  project: string;
  queue: string;
  /** The task holding a payload in every field. */
  hostile: string;
  /** A plain task to compare the hostile one with (the charts need two). */
  twin: string;
  /** A task waiting in the hostile queue. */
  queued: string;
}

const png1x1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

function plots(task: string): Record<string, unknown>[] {
  const fig = (metric: string, variant: string, figure: unknown) => ({
    type: 'plot',
    task,
    metric,
    variant,
    iter: 1,
    plot_str: JSON.stringify(figure),
    timestamp: Date.now(),
  });
  const axes = { xaxis: { title: markup('x axis title') }, yaxis: { title: markup('y axis title') } };
  return [
    fig(markup('heatmap metric'), markup('heatmap variant'), {
      data: [
        {
          type: 'heatmap',
          x: [markup('heatmap x0'), markup('heatmap x1')],
          y: [markup('heatmap y0'), markup('heatmap y1')],
          z: [
            [1, 2],
            [3, 4],
          ],
          name: markup('heatmap name'),
        },
      ],
      layout: { title: markup('heatmap title'), ...axes },
    }),
    fig('lines', markup('scatter variant'), {
      data: [{ type: 'scatter', mode: 'lines+markers', name: markup('legend'), x: [1, 2, 3], y: [3, 1, 2] }],
      layout: { title: markup('scatter title'), ...axes },
    }),
    fig('bars', 'categories', {
      data: [{ type: 'bar', name: markup('bar legend'), x: [markup('bar category a'), markup('bar category b')], y: [1, 2] }],
      layout: { title: markup('bar title'), ...axes },
    }),
    fig('hist', 'values', {
      data: [{ type: 'histogram', name: markup('histogram legend'), x: [1, 2, 2, 3, 3, 3] }],
      layout: { title: markup('histogram title') },
    }),
    fig('table', 'cells', {
      data: [
        {
          type: 'table',
          header: { values: [markup('table header'), 'n'] },
          cells: { values: [[markup('table cell')], [jsUrl('table cell url')]] },
        },
      ],
      layout: { title: markup('table title') },
    }),
    fig('image', 'plot', {
      data: [],
      layout: { title: markup('image plot title'), images: [{ source: jsUrl('plot image source') }] },
    }),
    fig('unknown', 'kind', {
      data: [{ type: 'sankey', name: markup('unknown plot') }],
      layout: { title: markup('unknown plot title') },
    }),
  ];
}

function scalars(task: string, scale: number): Record<string, unknown>[] {
  return Array.from({ length: 20 }, (_, i) => [
    {
      type: 'training_stats_scalar',
      task,
      metric: markup('scalar metric'),
      variant: markup('scalar variant'),
      iter: i,
      value: scale / (i + 1),
      timestamp: Date.now(),
    },
    {
      type: 'training_stats_scalar',
      task,
      metric: 'loss',
      variant: markup('loss variant'),
      iter: i,
      value: scale * i,
      timestamp: Date.now(),
    },
  ]).flat();
}

/** Plants the corpus through the same API calls the ClearML SDK and agent make. */
export async function plantCorpus(client: ApiClient): Promise<Corpus> {
  const { id: project } = await client.call('projects.create', {
    name: markupNoSlash('project'),
    // Drawn as Markdown on the project's overview: links and images with script URLs too.
    description: `${markup('project description')}\n\n[md link](<${jsUrl('md_link')}>) ![md image](<${jsUrl('md_image')}>)`,
  });
  const { id: queue } = await client.call('queues.create', { name: markup('queue') });

  const hyperparams = (value: string) => ({
    [markupNoSlash('section')]: {
      [markupNoSlash('param name')]: {
        section: markupNoSlash('section'),
        name: markupNoSlash('param name'),
        value,
        type: 'str',
        description: markup('param description'),
      },
    },
    Args: { lr: { section: 'Args', name: 'lr', value: value === 'plain' ? '0.2' : '0.1', type: 'float' } },
  });
  const create = (name: string, value: string) =>
    client.call('tasks.create', {
      name,
      type: 'training',
      project,
      tags: [markup('tag')],
      comment: markup('comment'),
      script: {
        repository: jsUrl('repository'),
        branch: markup('branch'),
        version_num: markup('commit'),
        entry_point: markup('entry point'),
        working_dir: markup('working dir'),
        binary: markup('binary'),
        diff: markup('diff'),
        requirements: { pip: markup('requirements') },
      },
      hyperparams: hyperparams(value),
      configuration: {
        [markupNoSlash('config name')]: {
          name: markupNoSlash('config name'),
          type: 'yaml',
          value: markup('config value'),
          description: markup('config description'),
        },
      },
      runtime: { hostname: markup('hostname') },
    });

  const { id: hostile } = await create(markup('task name'), markup('param value'));
  const { id: twin } = await create('plain twin', 'plain');
  const { id: queued } = await create(markup('queued task'), 'plain');
  await client.call('tasks.enqueue', { task: queued, queue });

  await client.call('workers.register', { worker: markupNoSlash('worker'), queues: [queue] });
  for (const task of [hostile, twin]) await client.call('tasks.started', { task });
  await client.call('workers.status_report', {
    worker: markupNoSlash('worker'),
    timestamp: Date.now(),
    queues: [queue],
    task: hostile,
  });

  // Debug samples: a real image of this server under hostile metric/variant names, and hostile URLs.
  const image = await client.upload(`corpus/${hostile}/sample.png`, png1x1, 'image/png');
  const debug = (task: string, metric: string, variant: string, url: string, iter: number) => ({
    type: 'training_debug_image',
    task,
    metric,
    variant,
    iter,
    key: `${metric}/${variant}`,
    url,
    timestamp: Date.now(),
  });
  const events = [
    ...scalars(hostile, 1),
    ...scalars(twin, 2),
    ...plots(hostile),
    ...plots(twin),
    ...[0, 1].map((i) => ({
      type: 'log',
      task: hostile,
      level: i ? 'error' : 'info',
      msg: `${markup('console line')}\n${jsUrl('console url')}`,
      timestamp: Date.now() + i,
    })),
    debug(hostile, markup('debug metric'), markup('debug variant'), image, 1),
    debug(twin, markup('debug metric'), markup('debug variant'), image, 1),
    debug(hostile, markup('debug metric'), markup('debug url variant'), jsUrl('debug sample link'), 1),
    debug(hostile, markup('debug metric'), markup('debug image url variant'), `${jsUrl('debug sample image')}//x.png`, 1),
  ];
  await client.call('events.add_batch', events);

  const json = await client.upload(
    `corpus/${hostile}/payload.json`,
    new TextEncoder().encode(JSON.stringify({ text: markup('artifact content') })),
    'application/json',
  );
  await client.call('tasks.add_or_update_artifacts', {
    task: hostile,
    force: true,
    artifacts: [
      {
        key: markup('artifact key'),
        type: 'custom',
        uri: jsUrl('artifact uri'),
        type_data: { preview: markup('artifact preview'), content_type: 'text/plain' },
        display_data: [[markup('display key'), markup('display value')]],
      },
      {
        key: markup('image artifact'),
        type: 'image',
        uri: `${jsUrl('artifact image')}//x.png`,
        type_data: { content_type: 'image/png' },
      },
      {
        key: markup('json artifact'),
        type: 'dict',
        uri: json,
        type_data: { content_type: 'application/json', preview: markup('json preview') },
      },
    ],
  });
  const { id: model } = await client.call('models.create', {
    name: markup('model name'),
    uri: jsUrl('model uri'),
    project,
    task: hostile,
    ready: false,
    framework: markup('framework'),
    labels: { [markup('label')]: 1 },
    design: { design: markup('design') },
    comment: markup('model comment'),
    tags: [markup('model tag')],
  });
  await client.call('tasks.add_or_update_model', { task: hostile, name: markup('model ref'), model, type: 'output' });
  await client.call('tasks.failed', { task: hostile, status_reason: markup('status reason') });
  await client.call('tasks.completed', { task: twin });
  return { project, queue, hostile, twin, queued };
}

/** Charts draw once scrolled into view: walks every chart into view, then hovers a grid of points and shows every item's tip. */
export async function hoverEveryChart(page: Page): Promise<number> {
  const slots = page.locator('[data-plot], [data-metric-slot], [data-testid=echart]');
  // Scrolled in one step each (a lazily mounted chart may replace its slot while a stability check waits on it).
  for (let i = 0; i < (await slots.count()); i++) await slots.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const charts = page.locator('[data-testid=echart]');
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const chart = charts.nth(i);
    await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
    const box = await chart.boundingBox();
    if (!box) throw new Error(`chart ${i} has no box`);
    // The pointer crosses every row of an 11 x 7 grid end to end, stopping at each point (one call a row: a call a
    // point cost a round trip each, 77 a chart).
    for (let gy = 1; gy < 8; gy++) {
      const y = box.y + (box.height * gy) / 8;
      await page.mouse.move(box.x + box.width / 12, y);
      await page.mouse.move(box.x + (box.width * 11) / 12, y, { steps: 10 });
    }
    const label = await chart.getAttribute('aria-label');
    await page.evaluate((l) => {
      const c = window.__taskdeckCharts?.get(l ?? '');
      if (!c) return;
      const series = (c.getOption() as { series?: { data?: unknown[] }[] }).series ?? [];
      series.forEach((s, seriesIndex) => {
        for (let dataIndex = 0; dataIndex < Math.min(50, s.data?.length ?? 0); dataIndex++) {
          try {
            c.dispatchAction({ type: 'showTip', seriesIndex, dataIndex });
          } catch {
            // Some series (parallel coordinates) cannot show a tip by index; the mouse grid covered them.
          }
        }
      });
    }, label);
  }
  await page.mouse.move(0, 0);
  return n;
}

/** Links or sources that would run script when followed. */
export function scriptUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[href], [src], [action], [formaction]')) {
      for (const attr of ['href', 'src', 'action', 'formaction']) {
        const v = el.getAttribute(attr);
        if (v && /^\s*(javascript|data|vbscript):/i.test(v) && !(attr === 'src' && /^\s*data:image\//i.test(v)))
          out.push(`<${el.tagName.toLowerCase()} ${attr}="${v}">`);
      }
    }
    return out;
  });
}
