/**
 * Issue 15 (live part), read from what Chromium draws: console colours, timestamps and download;
 * the debug-sample viewer; changes pushed by the server, and polling when the push is blocked.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { docsScreenshot } from './support/browser';

let app: AppSession;
let srv: TestServer;
let page: Page;
let ids: Record<string, string>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, page, ids } = app);
});
test.afterAll(() => app?.close());

const newTask = async (name: string, project?: string) =>
  (await srv.client.call('tasks.create', { name, type: 'training', ...(project ? { project } : {}) })).id;
const log = (task: string, msg: string, timestamp = Date.now()) =>
  srv.client.call('events.add_batch', [{ type: 'log', task, level: 'info', msg, timestamp }]);
const style = (sel: ReturnType<Page['locator']>) =>
  sel.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, fontWeight: s.fontWeight };
  });

test.describe('console', () => {
  test('draws ANSI colours, shows per-line timestamps on a switch, and downloads the whole log', async () => {
    const id = await newTask('ansi console');
    // 2026-01-02 03:04:05.678 in the machine's time zone (the browser runs in the same one).
    const stamp = new Date(2026, 0, 2, 3, 4, 5, 678).getTime();
    await srv.client.call('events.add_batch', [
      { type: 'log', task: id, msg: 'plain start', timestamp: stamp },
      { type: 'log', task: id, msg: '\x1b[31mred alert\x1b[0m back to plain', timestamp: stamp + 1000 },
      { type: 'log', task: id, msg: '\x1b[1;92mbold green\x1b[0m and <b>no markup</b>', timestamp: stamp + 2000 },
    ]);
    await page.goto(`${srv.url}/projects/*/tasks/${id}/console`);
    const out = page.getByRole('log', { name: 'console output' });
    await expect.poll(() => out.innerText()).toContain('no markup');
    expect(await out.innerText()).not.toContain('[31m');
    expect(await out.locator('b').count()).toBe(0);
    expect(await style(out.getByText('red alert', { exact: true }))).toEqual({ color: 'rgb(205, 49, 49)', fontWeight: '400' });
    expect(await style(out.getByText('back to plain', { exact: true }))).not.toMatchObject({ color: 'rgb(205, 49, 49)' });
    expect(await style(out.getByText('bold green', { exact: true }))).toEqual({ color: 'rgb(35, 209, 139)', fontWeight: '700' });

    expect(await out.locator('.console-time').count()).toBe(0);
    await page.getByLabel('Timestamps').check();
    await expect
      .poll(() => out.locator('.console-time').allInnerTexts())
      .toEqual(['2026-01-02 03:04:05.678', '2026-01-02 03:04:06.678', '2026-01-02 03:04:07.678']);
    // The choice is remembered.
    await page.reload();
    await expect.poll(() => page.getByRole('log').locator('.console-time').count()).toBe(3);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'download log' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('plain start');
    expect(text).toContain('red alert');
    expect(text).toContain('bold green');
  });
});

test.describe('debug-sample viewer', () => {
  test('opens fitted to the view; slider, arrow keys and variant switch choose the image; zoom; download', async () => {
    const task = ids['resnet50 baseline'];
    const r = await srv.client.call('events.debug_images', { metrics: [{ task }], iters: 100 });
    const urlOf = (variant: string, iter: number) =>
      r.metrics[0].iterations.find((i) => i.iter === iter)!.events.find((e) => e.variant === variant)!.url!;
    const iters = r.metrics[0].iterations.map((i) => i.iter).sort((a, b) => a - b);
    expect(iters).toEqual([0, 150, 299]);

    await page.goto(`${srv.url}/projects/*/tasks/${task}/debug-samples`);
    await page.getByRole('img', { name: 'samples / input — iteration 299' }).click();
    const img = page.getByTestId('viewer-image');
    const stage = page.getByTestId('viewer-stage');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(64);
    expect(await img.getAttribute('src')).toBe(urlOf('input', 299));
    // Fitted: the 64 px sample fills the stage's height (less its margin), not a speck.
    const area = (await stage.boundingBox())!;
    await expect.poll(async () => (await img.boundingBox())!.height).toBeGreaterThan(area.height - 40);
    const fitted = (await img.boundingBox())!;
    expect(fitted.height).toBeLessThanOrEqual(area.height);
    expect(Math.abs(fitted.width - fitted.height)).toBeLessThan(1);
    expect(await page.getByLabel('scale').innerText()).toBe(`${Math.round((fitted.height / 64) * 100)}%`);

    await docsScreenshot(page, 'viewer');

    await page.getByRole('slider', { name: 'viewer iteration' }).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => img.getAttribute('src')).toBe(urlOf('input', 0));
    expect(await page.getByTestId('viewer-iteration').innerText()).toBe('iteration 0');

    await stage.click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => img.getAttribute('src')).toBe(urlOf('input', 150));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => img.getAttribute('src')).toBe(urlOf('prediction', 150));
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('samples / prediction — iteration 150');

    await page.getByRole('combobox', { name: 'Variant' }).click();
    await page.getByRole('option', { name: 'input' }).click();
    await expect.poll(() => img.getAttribute('src')).toBe(urlOf('input', 150));

    const before = (await img.boundingBox())!.width;
    await page.getByRole('button', { name: 'zoom in' }).click();
    await expect.poll(async () => Math.round((await img.boundingBox())!.width)).toBe(Math.round(before * 1.25));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'download image' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(Buffer.compare(bytes, Buffer.from(await srv.client.download(urlOf('input', 150))))).toBe(0);
    await page.getByRole('button', { name: 'close viewer' }).click();
  });
});

test.describe('live push', () => {
  test('new tasks, a status change and console lines show as they happen, faster than any polling could', async () => {
    const { id: project } = await srv.client.call('projects.create', { name: 'Live push', description: '' });
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('html[data-live="up"]').waitFor();
    await page.getByRole('status', { name: 'live updates on' }).waitFor();
    const row = (id: string) => page.locator(`[role=row][data-task="${id}"]`);
    // Three changes, each made once the last one shows: polling every 10 s would need three fetches, 20 s at least.
    const t0 = Date.now();
    const a = await newTask('pushed one', project);
    await row(a).waitFor({ timeout: 15_000 });
    await srv.client.call('tasks.started', { task: a });
    await expect.poll(() => row(a).innerText()).toMatch(/Running/);
    const b = await newTask('pushed two', project);
    await row(b).waitFor({ timeout: 15_000 });
    expect(Date.now() - t0).toBeLessThan(9000);

    await page.goto(`${srv.url}/projects/${project}/tasks/${a}/console`);
    await page.locator('html[data-live="up"]').waitFor();
    await log(a, 'line 0');
    const out = page.getByRole('log', { name: 'console output' });
    await expect.poll(() => out.innerText()).toContain('line 0');
    // The console of a running task polls every 5 s: three lines in less than that came by push.
    const t1 = Date.now();
    for (const n of [1, 2, 3]) {
      await log(a, `line ${n}`);
      // Checked often: the poll's own backoff (up to 1 s a step) is not what is timed.
      await expect.poll(() => out.innerText(), { intervals: [50] }).toContain(`line ${n}`);
    }
    expect(Date.now() - t1).toBeLessThan(4500);

    // New scalars of a running task: two new metrics in turn, faster than its 5 s polling could bring both.
    await page.getByRole('tab', { name: 'Scalars' }).click();
    const point = (metric: string) =>
      srv.client.call('events.add_batch', [
        { type: 'training_stats_scalar', task: a, metric, variant: 'train', iter: 1, value: 0.5, timestamp: Date.now() },
      ]);
    await point('warm');
    await page.locator('[data-metric-slot="warm"]').waitFor({ timeout: 15_000 });
    const t2 = Date.now();
    for (const metric of ['pushed_a', 'pushed_b']) {
      await point(metric);
      await page.locator(`[data-metric-slot="${metric}"]`).waitFor({ timeout: 15_000 });
    }
    expect(Date.now() - t2).toBeLessThan(4500);
  });

  test('with the stream blocked, polling still brings new console lines', async () => {
    const id = await newTask('polled');
    await srv.client.call('tasks.started', { task: id });
    await log(id, 'first line');
    await page.route('**/api/live.stream', (route) => route.abort());
    try {
      await page.goto(`${srv.url}/projects/*/tasks/${id}/console`);
      const out = page.getByRole('log', { name: 'console output' });
      await expect.poll(() => out.innerText()).toContain('first line');
      expect(await page.locator('html').getAttribute('data-live')).not.toBe('up');
      expect(await page.getByRole('status', { name: 'live updates off, polling' }).count()).toBe(1);
      await log(id, 'second line');
      await expect.poll(() => out.innerText(), { timeout: 20_000 }).toContain('second line');
      expect(await page.locator('html').getAttribute('data-live')).not.toBe('up');
    } finally {
      await page.unroute('**/api/live.stream');
    }
  });

  test('when the stream drops mid-session, polling brings console lines, a status change and scalar points; the stream comes back after growing waits and pushes again', async () => {
    const id = await newTask('dropped mid-session');
    await srv.client.call('tasks.enqueue', { task: id });
    await log(id, 'before the drop');
    const point = (iter: number) =>
      srv.client.call('events.add_batch', [
        { type: 'training_stats_scalar', task: id, metric: 'drop', variant: 'train', iter, value: iter, timestamp: Date.now() },
      ]);
    await point(0);
    // Every attempt to open the stream, by time.
    const attempts: number[] = [];
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname === '/api/live.stream') attempts.push(Date.now());
    };
    page.on('request', onRequest);
    const status = page.locator('header:has(h1) .MuiChip-root[data-status]');
    const out = page.getByRole('log', { name: 'console output' });
    try {
      await page.goto(`${srv.url}/projects/*/tasks/${id}/console`);
      await page.locator('html[data-live="up"]').waitFor();
      await expect.poll(() => out.innerText()).toContain('before the drop');
      expect(await status.getAttribute('data-status')).toBe('queued');

      // The stream drops (the server ends it, as a proxy or a restart would) and cannot be reopened.
      await page.route('**/api/live.stream', (route) => route.abort());
      const dropped = attempts.length;
      srv.liveStreams.dropAll();
      await page.locator('html[data-live="down"]').waitFor();
      await page.getByRole('status', { name: 'live updates off, polling' }).waitFor();

      // Polling at the running task's 5 s brings what the stream would have: a status change and a console line...
      await srv.client.call('tasks.started', { task: id });
      await log(id, 'while the stream is down');
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('in_progress');
      await expect.poll(() => out.innerText(), { timeout: 15_000 }).toContain('while the stream is down');
      // ...and a new point on a chart already drawn.
      await page.getByRole('tab', { name: 'Scalars' }).click();
      const points = () =>
        page.evaluate(() => {
          const o = window.__taskdeckCharts?.get('chart drop')?.getOption() as { series?: { data: unknown[] }[] } | undefined;
          return o?.series?.[0]?.data.length ?? 0;
        });
      await expect.poll(points, { timeout: 30_000 }).toBe(1);
      await point(1);
      await expect.poll(points, { timeout: 15_000 }).toBe(2);
      expect(await page.locator('html').getAttribute('data-live')).toBe('down');

      // Meanwhile the page tried the stream again, waiting longer each time (the browser alone retries every 2 s).
      await expect.poll(() => attempts.length - dropped, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
      const tries = attempts.slice(dropped);
      const gaps = tries.slice(1).map((t, i) => t - tries[i]);
      expect(gaps[2], `waits between attempts ${JSON.stringify(gaps)} ms`).toBeGreaterThan(gaps[0] * 1.5);

      // The stream can be opened again: the page finds it by itself and changes are pushed again.
      await page.unroute('**/api/live.stream');
      // The next attempt is at most 30 s (the longest wait) after the last.
      await page.locator('html[data-live="up"]').waitFor({ timeout: 45_000 });
      await page.getByRole('status', { name: 'live updates on' }).waitFor();
      await page.getByRole('tab', { name: 'Console' }).click();
      await expect.poll(() => out.innerText()).toContain('while the stream is down');
      // Three lines, each written once the last shows: polling at 5 s would need 10 s at least (30 s while the stream is up).
      const t0 = Date.now();
      for (const n of [1, 2, 3]) {
        await log(id, `pushed again ${n}`);
        await expect.poll(() => out.innerText()).toContain(`pushed again ${n}`);
      }
      expect(Date.now() - t0).toBeLessThan(9000);
    } finally {
      page.off('request', onRequest);
      await page.unroute('**/api/live.stream');
    }
  });
});
