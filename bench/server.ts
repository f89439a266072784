/**
 * Server benchmarks named by the server-core issue:
 *  - events.add_batch ingest of scalar events over HTTP, batches of 10,000 (target >= 100,000 events/s)
 *  - scalar_metrics_iter_histogram on 10 series x 1,000,000 points, <= 10,000 points per series (target <= 150 ms)
 *  - tasks.get_all_ex first page of 50 of 100,000 tasks, filtered by status and type, sorted by last_update (target <= 50 ms)
 *  - server RSS after all three
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TASK_TYPES, type TaskStatus } from '../src/shared/task-state';
import { openSqliteStore } from '../src/server/store/sqlite';
import { openStore } from '../src/server/store/open';
import type { ScalarPoint } from '../src/server/store/store';
import { blankTask } from '../src/server/tasks/common';
import { newId } from '../src/server/ids';
import { post, quantile, scalarBatchBody } from './http';
import { BENCH_WHO, benchProject } from './seed';
import { median, startServerProcess } from './server-process';

const SERIES = 10;
const POINTS = 1_000_000;
const TASKS = 100_000;
/** Histogram calls (the first is reported apart, the median is of the others) and raw reads timed. */
const HISTOGRAM_CALLS = 13;
const STATUSES: TaskStatus[] = ['created', 'queued', 'in_progress', 'stopped', 'failed', 'completed', 'published'];

/** Fills a data folder directly through the store: 10 x 1M scalar points and 100k tasks. */
async function seed(dataDir: string): Promise<{ histTask: string; project: string; logTask: string }> {
  const store = openSqliteStore(dataDir);
  const histTask = newId();
  const project = newId();
  await store.transaction(async () => {
    await store.projects.insert(benchProject(project, 'bench', 'bench'));
    await store.tasks.insert(blankTask(BENCH_WHO, { id: histTask, name: 'histogram', type: 'training', project }));
  });
  const t0 = Date.now();
  const batch = 100_000;
  for (let s = 0; s < SERIES; s++) {
    for (let from = 0; from < POINTS; from += batch) {
      const points: ScalarPoint[] = [];
      for (let i = from; i < from + batch; i++) {
        points.push({
          task: histTask,
          metric: `metric${s % 5}`,
          variant: `v${s}`,
          iter: i,
          value: Math.sin(i / 1000) + (i % 9973 === 0 ? 50 : Math.random() * 0.1),
          timestamp: 1.7e12 + i * 10,
        });
      }
      await store.transaction(() => store.events.addScalars(points));
    }
  }
  console.log(`  seeded ${SERIES} x ${POINTS} points in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let from = 0; from < TASKS; from += 10_000) {
    await store.transaction(async () => {
      for (let i = from; i < from + 10_000; i++) {
        const stamp = new Date(base + i * 1000).toISOString().replace('Z', '+00:00');
        await store.tasks.insert(
          blankTask(BENCH_WHO, {
            id: newId(),
            name: `run ${i}`,
            type: TASK_TYPES[i % 4],
            status: STATUSES[i % STATUSES.length],
            project,
            last_update: stamp,
            created: stamp,
            hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: String((i % 100) / 1000), type: 'float' } } },
          }),
        );
      }
    });
  }
  console.log(`  seeded ${TASKS} tasks in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  const logTask = newId();
  await store.transaction(() =>
    store.tasks.insert(blankTask(BENCH_WHO, { id: logTask, name: 'console', type: 'training', project })),
  );
  for (let e = 0; e < 10_000; e += 1000) {
    await store.transaction(() =>
      store.events.addLogs(
        Array.from({ length: 1000 }, (_, k) => ({
          task: logTask,
          timestamp: 1.7e12 + e + k,
          level: 'info',
          worker: 'bench',
          msg: Array.from(
            { length: 100 },
            (_, i) =>
              `step ${(e + k) * 100 + i}: loss=${Math.random().toFixed(4)}${(e + k) * 100 + i === 900_000 ? ' NEEDLE' : ''}`,
          ).join('\n'),
        })),
      ),
    );
  }
  await store.close();
  return { histTask, project, logTask };
}

/**
 * BENCH_SERVER_DATA=<dir> keeps the seeded folder: seeded once (its ids in bench-seed.json), reused by the
 * next runs, never removed. Else a fresh folder is seeded and removed afterwards.
 */
async function seeded(): Promise<{ dataDir: string; keep: boolean; ids: Awaited<ReturnType<typeof seed>> }> {
  const kept = process.env.BENCH_SERVER_DATA;
  if (!kept) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-'));
    return { dataDir, keep: false, ids: await seed(dataDir) };
  }
  const marker = path.join(kept, 'bench-seed.json');
  if (fs.existsSync(marker)) {
    console.log(`  reusing the store seeded in ${kept}`);
    return { dataDir: kept, keep: true, ids: JSON.parse(fs.readFileSync(marker, 'utf8')) };
  }
  fs.rmSync(kept, { recursive: true, force: true });
  fs.mkdirSync(kept, { recursive: true });
  const ids = await seed(kept);
  fs.writeFileSync(marker, JSON.stringify(ids));
  return { dataDir: kept, keep: true, ids };
}

export async function benchServer(): Promise<Record<string, number | string>> {
  const { dataDir, keep, ids } = await seeded();
  const results: Record<string, number | string> = {};
  try {
    const { histTask, project, logTask } = ids;
    const srv = await startServerProcess(dataDir, 18000 + Math.floor(Math.random() * 1000));
    try {
      // BENCH_SERVER_ONLY=histogram: the histogram and its references only (e.g. with BENCH_SERVER_DATA, A/B runs).
      const only = process.env.BENCH_SERVER_ONLY === 'histogram';
      // 1. ingest
      if (!only) {
        const { id: task } = await srv.client.call('tasks.create', { name: 'ingest', type: 'training', project });
        await srv.client.call('tasks.started', { task });
        const BATCHES = 30;
        const bodies: string[] = [];
        for (let b = 0; b < BATCHES; b++) {
          bodies.push(scalarBatchBody(task, b, () => Math.random(), { allow_locked: false, model_event: false }));
        }
        const url = `${srv.url}/api/v2.23/events.add_batch`;
        await post(url, srv.client.token!, bodies[0], 'application/json-lines');
        const t0 = performance.now();
        for (const body of bodies.slice(1)) {
          const status = await post(url, srv.client.token!, body, 'application/json-lines');
          if (status !== 200) throw new Error(`add_batch answered ${status}`);
        }
        const secs = (performance.now() - t0) / 1000;
        results['ingest events/s (target >= 100000)'] = Math.round(((BATCHES - 1) * 10_000) / secs);
      }

      // 2. histogram, next to two references measured in the same run: an idle server.info round trip, and
      // a raw read (in this process, no server) of the chunk summaries of the same 10 series.
      const times: number[] = [];
      let maxPoints = 0;
      let series = 0;
      for (let i = 0; i < HISTOGRAM_CALLS; i++) {
        const t = performance.now();
        const data = await srv.client.call('events.scalar_metrics_iter_histogram', { task: histTask, samples: 10_000 });
        times.push(performance.now() - t);
        series = Object.values(data).reduce((n, v) => n + Object.keys(v).length, 0);
        maxPoints = Math.max(...Object.values(data).flatMap((v) => Object.values(v).map((s) => s.x.length)));
      }
      const infoTimes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t = performance.now();
        await srv.client.call('server.info', {});
        infoTimes.push(performance.now() - t);
      }
      const rawTimes: number[] = [];
      const raw = await openStore({ dataDir, readonly: true });
      try {
        const all = await raw.events.listSeries([histTask]);
        for (let i = 0; i < HISTOGRAM_CALLS; i++) {
          const t = performance.now();
          for (const s of all) await raw.events.readSummaries(s.id);
          rawTimes.push(performance.now() - t);
        }
      } finally {
        await raw.close();
      }
      const histMedian = median(times.slice(1));
      results['histogram 10x1M first call ms'] = Math.round(times[0]);
      results['histogram 10x1M median ms (target <= 150)'] = Math.round(histMedian);
      results['histogram series returned'] = series;
      results['histogram max points per series (<= 10000)'] = maxPoints;
      results['reference: server.info idle median ms'] = Math.round(median(infoTimes) * 10) / 10;
      results['reference: raw read of the 10 series summaries in process, median ms'] = Math.round(median(rawTimes) * 10) / 10;
      results['histogram median / raw summaries read'] = Math.round((histMedian / median(rawTimes)) * 10) / 10;
      results['histogram first call / raw summaries read'] = Math.round((times[0] / median(rawTimes)) * 10) / 10;
      if (only) return results;

      // 3. table query
      const qt: number[] = [];
      let returned = 0;
      for (let i = 0; i < 11; i++) {
        const t = performance.now();
        const r = await srv.client.call('tasks.get_all_ex', {
          project: [project],
          status: ['completed', 'failed'],
          type: ['training', 'testing'],
          order_by: ['-last_update'],
          page: 0,
          page_size: 50,
          only_fields: ['id', 'name', 'type', 'status', 'user', 'tags', 'started', 'last_update', 'last_iteration'],
        });
        qt.push(performance.now() - t);
        returned = r.tasks.length;
      }
      results['get_all_ex page of 50 from 100k median ms (target <= 50)'] = Math.round(median(qt.slice(1)) * 10) / 10;
      results['get_all_ex rows returned'] = returned;
      results['server RSS MiB after all three'] = Math.round(srv.rssMiB());

      // 4. console of 1,000,000 lines (the API side of the console tab)
      let t = performance.now();
      const page = await srv.client.call('events.get_task_log_lines', {
        task: logTask,
        count: 200,
      });
      results['console 1M lines: last page of 200 ms'] = Math.round(performance.now() - t);
      results['console total lines'] = page.total_lines;
      t = performance.now();
      const hit = await srv.client.call('events.search_task_log', {
        task: logTask,
        text: 'NEEDLE',
        from_line: 0,
      });
      results['console search to line 900,000 ms'] = Math.round(performance.now() - t);
      results['console search found line'] = hit.line ?? 'not found';

      // 5. quick calls while long reads run: the 10M-point chart, a 1M-line console search, a 20,000-row CSV export
      const info = async () => {
        const t = performance.now();
        await srv.client.call('server.info', {});
        return performance.now() - t;
      };
      const idle: number[] = [];
      for (let i = 0; i < 200; i++) idle.push(await info());
      let busy = true;
      const started = performance.now();
      const longReads = Promise.all([
        srv.client.call('events.scalar_metrics_iter_histogram', { task: histTask, samples: 10_000 }),
        srv.client.call('events.search_task_log', { task: logTask, text: 'NEEDLE', from_line: 0 }),
        (async () => {
          for (let page = 0; page < 20; page++) {
            await srv.client.call('tasks.get_all_ex', {
              project: [project],
              page,
              page_size: 1000,
              only_fields: ['id', 'name', 'status', 'type', 'last_update'],
            });
          }
        })(),
      ]).finally(() => (busy = false));
      const during: number[] = [];
      while (busy) during.push(await info());
      await longReads;
      results['the three long reads together ms'] = Math.round(performance.now() - started);
      results['server.info idle p99 ms'] = Math.round(quantile(idle, 0.99) * 10) / 10;
      results['server.info p99 during chart + console search + CSV export ms (target <= 50)'] =
        Math.round(quantile(during, 0.99) * 10) / 10;
      results['server.info p99 during the long reads / idle p99 (reference: idle, same run)'] =
        Math.round((quantile(during, 0.99) / quantile(idle, 0.99)) * 10) / 10;
      results['server.info calls answered during the long reads'] = during.length;
    } finally {
      await srv.stop();
    }
  } finally {
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
