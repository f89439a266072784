/**
 * Dashboard timings in headless Chromium (issues: task table, task detail):
 *  - table of 100,000 tasks in one project: first page after navigation (target < 1 s), 10 pages of scrolling without a reload
 *  - console of 1,000,000 lines: tab open to first lines (target < 1 s), search to line 900,000 (target < 1 s)
 *  - scalars of 50 metrics x 4 variants x 100,000 points: tab open to first chart (target < 1.5 s)
 *  - compare of 200 tasks (2 metrics x 2 variants x 1,000 points each): page open on the scalars tab to first chart drawn (target < 2 s)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser } from '../e2e/support/browser';
import { newId } from '../src/server/ids';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { ScalarPoint } from '../src/server/store/store';
import type { LastMetrics } from '../src/shared/api/records';
import { blankTask } from '../src/server/tasks/common';
import { TASK_TYPES, type TaskStatus } from '../src/shared/task-state';
import { median, startServerProcess } from './server-process';
import { BENCH_WHO, benchProject } from './seed';
import { signIn } from './sign-in';

const STATUSES: TaskStatus[] = ['created', 'queued', 'in_progress', 'stopped', 'failed', 'completed', 'published'];

async function seed(dir: string) {
  const store = openSqliteStore(dir);
  const project = newId();
  const now = new Date().toISOString();
  await store.transaction(() => store.projects.insert(benchProject(project, 'bench/table', 'table', now)));
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let from = 0; from < 100_000; from += 10_000) {
    await store.transaction(async () => {
      for (let i = from; i < from + 10_000; i++) {
        const stamp = new Date(base + i * 1000).toISOString().replace('Z', '+00:00');
        await store.tasks.insert(
          blankTask(BENCH_WHO, {
            id: newId(),
            name: `run ${i}`,
            type: TASK_TYPES[i % 4],
            status: STATUSES[i % 7],
            project,
            created: stamp,
            last_update: stamp,
            last_iteration: i % 500,
          }),
        );
      }
    });
  }
  const consoleTask = newId();
  const scalarTask = newId();
  await store.transaction(async () => {
    await store.tasks.insert(
      blankTask(BENCH_WHO, { id: consoleTask, name: 'console 1M', type: 'training', project, status: 'completed' }),
    );
    await store.tasks.insert(
      blankTask(BENCH_WHO, { id: scalarTask, name: 'scalars 50x4x100k', type: 'training', project, status: 'completed' }),
    );
  });
  for (let e = 0; e < 10_000; e += 1000) {
    await store.transaction(() =>
      store.events.addLogs(
        Array.from({ length: 1000 }, (_, k) => ({
          task: consoleTask,
          timestamp: 1.7e12 + e + k,
          level: 'info',
          worker: 'bench',
          msg: Array.from({ length: 100 }, (_, i) => {
            const line = (e + k) * 100 + i;
            return `step ${line}: loss=${(1 / (line + 1)).toFixed(6)}${line === 900_000 ? ' NEEDLE-900K' : ''}`;
          }).join('\n'),
        })),
      ),
    );
  }
  await seedScalars(store, scalarTask);
  const compareTasks = await seedCompare(store, BENCH_WHO, project);
  await store.close();
  return { project, consoleTask, scalarTask, compareTasks };
}

/** 200 tasks with two metrics of two variants, 1,000 points each, and their last values. */
/** The Scalars tab's task: 50 metrics x 4 variants x 100k points. */
export async function seedScalars(store: ReturnType<typeof openSqliteStore>, scalarTask: string): Promise<void> {
  for (let m = 0; m < 50; m++) {
    for (let v = 0; v < 4; v++) {
      for (let from = 0; from < 100_000; from += 50_000) {
        const pts: ScalarPoint[] = [];
        for (let i = from; i < from + 50_000; i++)
          pts.push({
            task: scalarTask,
            metric: `metric ${String(m).padStart(2, '0')}`,
            variant: `v${v}`,
            iter: i,
            value: Math.sin(i / 5000 + v) + Math.random() * 0.1,
            timestamp: 1.7e12 + i * 100,
          });
        await store.transaction(() => store.events.addScalars(pts));
      }
    }
  }
}

export async function seedCompare(
  store: ReturnType<typeof openSqliteStore>,
  who: Parameters<typeof blankTask>[0],
  project: string,
) {
  const ids = Array.from({ length: 200 }, () => newId());
  for (let t = 0; t < ids.length; t++) {
    const pts: ScalarPoint[] = [];
    const last: LastMetrics = {};
    for (const metric of ['loss', 'accuracy'])
      for (const variant of ['train', 'validation']) {
        const ys = Array.from({ length: 1000 }, (_, i) => Math.exp(-i / (200 + t)) + Math.random() * 0.05);
        ys.forEach((value, iter) => pts.push({ task: ids[t], metric, variant, iter, value, timestamp: 1.7e12 + iter * 1000 }));
        (last[metric] ??= {})[variant] = {
          metric,
          variant,
          value: ys[999],
          min_value: Math.min(...ys),
          max_value: Math.max(...ys),
          iter: 999,
          timestamp: 1.7e12 + 999_000,
        };
      }
    await store.transaction(async () => {
      await store.tasks.insert(
        blankTask(BENCH_WHO, {
          id: ids[t],
          name: `compare run ${t}`,
          type: 'training',
          project,
          status: 'completed',
          last_metrics: last,
        }),
      );
      await store.events.addScalars(pts);
    });
  }
  return ids;
}

/** Compare of the tasks: from opening the compare page on its scalars tab to the first chart drawn with every task's line. */
export async function compareFirstChart(page: Page, url: string, ids: string[]): Promise<number> {
  // Warm the browser cache with the app's code (and the compare page's chunks), as a returning user has it.
  await page.goto(`${url}/compare?ids=${ids.slice(0, 2).join(',')}&tab=scalars`);
  await page.waitForFunction(() => (window.__taskdeckCharts?.size ?? 0) > 0, undefined, { timeout: 60_000 });
  const t = performance.now();
  await page.goto(`${url}/compare?ids=${ids.join(',')}&tab=scalars`);
  // A line a task: a line series each, or the task lines of compare's one merged series.
  await page.waitForFunction(
    (n) =>
      [...(window.__taskdeckCharts?.values() ?? [])].some((c) => {
        const series = (c.getOption() as { series?: { type?: string; taskLines?: { lines: unknown[] } }[] }).series ?? [];
        return series.reduce((k, s) => k + (s.type === 'line' ? 1 : (s.taskLines?.lines.length ?? 0)), 0) >= n;
      }),
    ids.length,
    { timeout: 60_000 },
  );
  return Math.round(performance.now() - t);
}

/** BENCH_UI_PROFILE=1: the functions that took the most of the page's main thread (self time), from a CPU profile. */
function topSelfTimes(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, ms]) => `    ${Math.round(ms)} ms ${k}`)
    .join('\n');
}

/** Records the API calls a page makes from now on; `stop(t0)` lists them as "start–end endpoint" (ms after t0). */
function traceApiCalls(page: Page) {
  const calls: { url: string; start: number; end?: number }[] = [];
  const byRequest = new Map<object, (typeof calls)[number]>();
  const onRequest = (r: { url(): string }) => {
    if (!r.url().includes('/api/')) return;
    const c = { url: r.url().replace(/.*\/api\/(v[\d.]+\/)?/, ''), start: performance.now() };
    calls.push(c);
    byRequest.set(r, c);
  };
  const onDone = (r: object) => {
    const c = byRequest.get(r);
    if (c) c.end = performance.now();
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  return {
    stop(t0: number) {
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      return calls
        .map((c) => `    ${Math.round(c.start - t0)}–${c.end === undefined ? '…' : Math.round(c.end - t0)} ${c.url}`)
        .join('\n');
    },
  };
}

/**
 * BENCH_UI_ONLY=compare: only the compare figures, on a store of the 200 compare tasks alone (seconds to seed instead of
 * minutes), measured BENCH_UI_REPEAT times (default 1), the 2-task reference and the 200 tasks alternating; medians reported.
 */
async function benchCompareOnly(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-ui-'));
  const store = openSqliteStore(dir);
  const project = newId();
  await store.transaction(() => store.projects.insert(benchProject(project, 'bench/compare', 'compare')));
  const compareTasks = await seedCompare(store, BENCH_WHO, project);
  await store.close();
  const srv = await startServerProcess(dir, 19000 + Math.floor(Math.random() * 500));
  const b = await openBrowser();
  const page = b.page;
  const twos: number[] = [];
  const manys: number[] = [];
  try {
    await signIn(page, srv.url);
    for (let r = 0; r < Math.max(1, Number(process.env.BENCH_UI_REPEAT ?? 1)); r++) {
      twos.push(await compareFirstChart(page, srv.url, compareTasks.slice(0, 2)));
      // BENCH_UI_TRACE=1: the 200-task page's API calls, with their start and end after the navigation (ms).
      const trace = process.env.BENCH_UI_TRACE ? traceApiCalls(page) : undefined;
      const t0 = performance.now();
      const cdp = process.env.BENCH_UI_PROFILE ? await page.context().newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      manys.push(await compareFirstChart(page, srv.url, compareTasks));
      if (cdp) console.log(topSelfTimes((await cdp.send('Profiler.stop')).profile));
      if (trace)
        console.log(
          `  200 tasks, drawn at ${manys.at(-1)} ms (from the navigation; the trace from the warm-up before it):\n${trace.stop(t0)}`,
        );
    }
  } finally {
    await b.close();
    await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const two = median(twos);
  const many = median(manys);
  return {
    'compare 2 tasks: page open to first chart drawn ms (reference), runs': twos.join(' '),
    'compare 200 tasks: page open to first chart drawn ms, runs': manys.join(' '),
    'compare 2 tasks: page open to first chart drawn ms (reference)': two,
    'compare 200 tasks: page open to first chart drawn ms (target < 2000)': many,
    'compare 200 tasks: ratio to the 2-task reference': Number((many / two).toFixed(2)),
  };
}

export async function benchUi(): Promise<Record<string, number | string>> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../dist/index.html')))
    throw new Error('Build the dashboard first (npm run build)');
  if (process.env.BENCH_UI_ONLY === 'compare') return benchCompareOnly();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-ui-'));
  const out: Record<string, number | string> = {};
  const t0 = Date.now();
  const { project, consoleTask, scalarTask, compareTasks } = await seed(dir);
  console.log(`  seeded 100k tasks, a 1M-line console and 20M scalar points in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const srv = await startServerProcess(dir, 19000 + Math.floor(Math.random() * 500));
  const b = await openBrowser();
  const page = b.page;
  try {
    await signIn(page, srv.url);
    // Warm the browser cache with the app's code, as a returning user has it.
    await page.goto(`${srv.url}/projects/${project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();

    // Table: navigation within the app (client-side), then first rows.
    await page.goto(`${srv.url}/projects`);
    await page.getByRole('navigation', { name: 'projects' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    let t = performance.now();
    await page.getByRole('button', { name: 'project bench/table', exact: true }).click();
    await page.locator('[role=row][data-task]').first().waitFor();
    out['table 100k: first page after navigation ms (target < 1000)'] = Math.round(performance.now() - t);
    const grid = page.getByRole('grid', { name: 'tasks' });
    t = performance.now();
    for (let p = 1; p <= 10; p++) {
      await grid.evaluate((el, top) => el.scrollTo({ top }), p * 100 * 40);
      await page.locator(`[role=row][aria-rowindex="${p * 100 + 5}"][data-task]`).waitFor();
    }
    out['table 100k: 10 pages scrolled ms'] = Math.round(performance.now() - t);
    out['table 100k: page reloaded while scrolling'] =
      (await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)) === 1 ? 'no' : 'yes';

    // Console: open the tab (the task page loads first), then the first lines.
    await page.goto(`${srv.url}/projects/${project}/tasks/${consoleTask}/execution`);
    await page.getByRole('tab', { name: 'Console' }).waitFor();
    t = performance.now();
    await page.getByRole('tab', { name: 'Console' }).click();
    await page.locator('[role=log] [data-line]').filter({ hasText: 'step ' }).first().waitFor();
    out['console 1M lines: tab open to first lines ms (target < 1000)'] = Math.round(performance.now() - t);
    await page.getByLabel('Search the console').fill('NEEDLE-900K');
    t = performance.now();
    await page.getByRole('button', { name: 'next match' }).click();
    await page.locator('.console-match').filter({ hasText: 'NEEDLE-900K' }).waitFor();
    out['console 1M lines: search to line 900,000 ms (target < 1000)'] = Math.round(performance.now() - t);

    // Scalars: open the tab, then the first chart drawn.
    await page.goto(`${srv.url}/projects/${project}/tasks/${scalarTask}/execution`);
    await page.getByRole('tab', { name: 'Scalars' }).waitFor();
    // BENCH_UI_TRACE=1: each API call the Scalars tab makes, with its start and end after the click (ms).
    const trace = process.env.BENCH_UI_TRACE ? traceApiCalls(page) : undefined;
    t = performance.now();
    await page.getByRole('tab', { name: 'Scalars' }).click();
    await page.waitForFunction(() => (window.__taskdeckCharts?.size ?? 0) > 0, undefined, { timeout: 60_000 });
    out['scalars 50x4x100k: tab open to first chart ms (target < 1500)'] = Math.round(performance.now() - t);
    if (trace) console.log(trace.stop(t));

    // Reference in the same run: the same page of two of those tasks (the app's own start, without the 200 tasks' cost).
    const two = await compareFirstChart(page, srv.url, compareTasks.slice(0, 2));
    const many = await compareFirstChart(page, srv.url, compareTasks);
    out['compare 2 tasks: page open to first chart drawn ms (reference)'] = two;
    out['compare 200 tasks: page open to first chart drawn ms (target < 2000)'] = many;
    out['compare 200 tasks: ratio to the 2-task reference'] = Number((many / two).toFixed(2));
  } finally {
    await b.close();
    await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
