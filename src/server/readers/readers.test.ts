/** The reader pool: long reads on threads with their own read-only stores, answering what the inline path answers. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { HistogramSeries } from '../../shared/api/results';
import { ApiError } from '../http/errors';
import type { SeriesInfo } from '../store/store';
import { longestHold } from '../testing/loop-hold';
import { startTestServer, type TestServer } from '../testing/server';
import { JOBS, type JobArgs, type JobName } from './jobs';
import { ReaderPool } from './pool';

const BIG = 400_000;
const SPIKE_AT = 123_457;
const LINES_PER_EVENT = 10;
const NEEDLE_LINE = 4_321;

let srv: TestServer;
let pool: ReaderPool;
let task: string;
let big: SeriesInfo;
let small: SeriesInfo;

beforeAll(async () => {
  srv = await startTestServer({ readerThreads: 1 });
  task = (await srv.client.call('tasks.create', { name: 'readers', type: 'training' })).id;
  for (let from = 0; from < BIG; from += 50_000) {
    const points = Array.from({ length: 50_000 }, (_, k) => {
      const i = from + k;
      return {
        task,
        metric: 'loss',
        variant: 'big',
        iter: i,
        value: i === SPIKE_AT ? 99 : Math.sin(i / 700),
        timestamp: 1e12 + i,
      };
    });
    await srv.store.events.addScalars(points);
  }
  await srv.store.events.addScalars(
    Array.from({ length: 1500 }, (_, i) => ({
      task,
      metric: 'acc',
      variant: 'small',
      iter: i * 2,
      value: i / 1500,
      timestamp: 1e12 + i,
    })),
  );
  // A console of 10,000 lines, ten a row, with one line holding the needle.
  const rows = Array.from({ length: 1000 }, (_, e) => ({
    task,
    timestamp: 1e12 + e,
    level: 'info',
    worker: 'test',
    msg: Array.from({ length: LINES_PER_EVENT }, (_, i) => {
      const line = e * LINES_PER_EVENT + i;
      return `line ${line}${line === NEEDLE_LINE ? ' the Needle here' : ''}`;
    }).join('\n'),
  }));
  await srv.store.events.addLogs(rows);
  for (let i = 0; i < 30; i++) await srv.client.call('tasks.create', { name: `listed ${i}`, type: 'testing' });
  const series = await srv.store.events.listSeries([task]);
  big = series.find((s) => s.variant === 'big')!;
  small = series.find((s) => s.variant === 'small')!;
  pool = new ReaderPool({ dataDir: srv.config.dataDir, databaseUrl: srv.config.databaseUrl }, 2);
}, 180_000);

afterAll(async () => {
  await pool?.close();
  await srv?.stop();
});

const inline = <J extends JobName>(job: J, args: JobArgs<J>) =>
  (JOBS[job] as (s: typeof srv.store, a: JobArgs<J>) => Promise<unknown>)(srv.store, args);

it('answers each long read exactly as the inline path does', async () => {
  const cases: { [J in JobName]?: JobArgs<J>[] } = {
    scalarSeries: [
      { series: [big, small], req: { samples: 2000 } },
      { series: [big], req: { samples: 1001, key: 'timestamp' } },
      { series: [big, small], req: { samples: 500, x_min: 100_000, x_max: 200_000, band: true } },
      { series: [small], req: { key: 'iso_time' } },
    ],
    consoleSearch: [
      { task, text: 'needle', from_line: 0 },
      { task, text: 'NEEDLE', from_line: 9_999, backwards: true },
      { task, text: 'no such text', from_line: 0 },
      { task, text: 'line 77', from_line: 5_000 },
    ],
    taskPage: [
      {
        query: { types: ['testing'], orderBy: [{ field: 'name', desc: true }] },
        page: { offset: 0, limit: 20 },
        countTotal: true,
      },
      { query: {}, page: { offset: 5, limit: 600 }, fields: ['id', 'name', 'status', 'runtime'], countTotal: false },
    ],
  };
  for (const [job, list] of Object.entries(cases) as [JobName, JobArgs<JobName>[]][]) {
    for (const args of list) {
      const want = await inline(job, args);
      expect(await pool.run(job, args as never), `${job} ${JSON.stringify(args).slice(0, 120)}`).toEqual(want);
    }
  }
  // The inputs were chosen so that the answers are not empty.
  const found = await pool.run('consoleSearch', { task, text: 'needle', from_line: 0 });
  expect(found).toEqual({ line: NEEDLE_LINE, text: `line ${NEEDLE_LINE} the Needle here` });
  const page = await pool.run('taskPage', cases.taskPage![0]);
  expect(page.total).toBe(30);
  expect(page.tasks[0].name).toBe('listed 9');
  expect(page.cursor).toEqual([page.tasks.at(-1)!.name, page.tasks.at(-1)!.id]);
});

/**
 * Each path is timed this many times, in turn, and judged by its least disturbed try: the longest gap between the
 * loop's turns is wall time, and on a busy machine a thread descheduled for a while shows a gap it did not make
 * (loop-hold.test.ts saw one of 1,062 ms). A hold the code makes comes back on every try.
 */
const TRIES = 3;

it('keeps the event loop turning while a huge read runs on a reader thread', async () => {
  // Every point of a 400,000-point series: inline, the read holds the loop for its whole length.
  const args: JobArgs<'scalarSeries'> = { series: [big], req: { samples: BIG, band: true } };
  let got: unknown;
  let want: unknown;
  const pooledHolds: number[] = [];
  const inlineHolds: number[] = [];
  for (let t = 0; t < TRIES; t++) {
    pooledHolds.push(await longestHold(async () => (got = await pool.run('scalarSeries', args))));
    inlineHolds.push(await longestHold(async () => (want = await inline('scalarSeries', args))));
    expect(got).toEqual(want);
  }
  const pooledHold = Math.min(...pooledHolds);
  const inlineHold = Math.min(...inlineHolds);
  // The read is long enough to matter inline (150-400 ms here; the floor leaves a fast machine room);
  // on the thread the loop only receives the answer.
  expect(inlineHold).toBeGreaterThan(50);
  expect(
    pooledHold,
    `longest holds on the thread ${pooledHolds.map(Math.round)}, inline ${inlineHolds.map(Math.round)}`,
  ).toBeLessThan(inlineHold / 2);
}, 120_000);

it('answers server.info while the endpoints send their long reads to the reader thread', async () => {
  const info = async () => {
    const t = performance.now();
    await srv.client.call('server.info', {});
    return performance.now() - t;
  };
  let done = false;
  const reads = Promise.all([
    srv.client.call('events.scalar_metrics_iter_histogram', { task, samples: 2000 }),
    srv.client.call('events.search_task_log', { task, text: 'needle', from_line: 0 }),
    srv.client.call('tasks.get_all_ex', { page: 0, page_size: 1000, only_fields: ['id', 'name'] }),
  ]).finally(() => (done = true));
  const times: number[] = [];
  while (!done) times.push(await info());
  const [chart, search, list] = await reads;
  expect(Math.max(...(chart.loss.big as HistogramSeries).y.map(Number))).toBe(99);
  expect(chart.acc.small.x).toHaveLength(1500);
  expect(search).toEqual({ line: NEEDLE_LINE, text: `line ${NEEDLE_LINE} the Needle here` });
  expect(list.tasks).toHaveLength(31);
  expect(Math.max(...times)).toBeLessThan(1000);
});

it("takes one user's many long reads in turn with another user's, each thread handed two at a time", async () => {
  const one = new ReaderPool({ dataDir: srv.config.dataDir, databaseUrl: srv.config.databaseUrl }, 1);
  try {
    const done: string[] = [];
    const chart: JobArgs<'scalarSeries'> = { series: [big], req: { samples: 2000 } };
    // A script's dozen chart reads, then a colleague's console search.
    const script = Array.from({ length: 12 }, (_, i) =>
      one.run('scalarSeries', chart, 'script-user').then(() => done.push(`a${i}`)),
    );
    expect(one.load()).toEqual([2]);
    expect(one.queued).toBe(10);
    const colleague = one.run('consoleSearch', { task, text: 'needle', from_line: 0 }, 'colleague').then((r) => {
      done.push('b');
      return r;
    });
    expect(await colleague).toEqual({ line: NEEDLE_LINE, text: `line ${NEEDLE_LINE} the Needle here` });
    await Promise.all(script);
    // The two handed to the thread first, then the script's next and the colleague's in turn: fourth, not last.
    expect(done.indexOf('b')).toBeLessThanOrEqual(3);
    expect(done.filter((d) => d !== 'b')).toEqual(Array.from({ length: 12 }, (_, i) => `a${i}`));
    expect(one.queued).toBe(0);
    expect(one.load()).toEqual([0]);
  } finally {
    await one.close();
  }
});

it('fails a job whose thread cannot be started, and hands the next one on', async () => {
  const one = new ReaderPool({ dataDir: srv.config.dataDir, databaseUrl: srv.config.databaseUrl }, 1);
  try {
    const inner = (one as unknown as { pool: { send: (...a: unknown[]) => unknown } }).pool;
    vi.spyOn(inner, 'send').mockImplementationOnce(() => {
      throw new Error('no thread could start');
    });
    await expect(one.run('consoleSearch', { task, text: 'needle', from_line: 0 })).rejects.toThrow('no thread could start');
    // Nothing is held for the failed job: the next two are handed at once, as to an idle pool.
    const next = [1, 2].map(() => one.run('consoleSearch', { task, text: 'needle', from_line: 0 }));
    expect(one.queued).toBe(0);
    for (const r of await Promise.all(next))
      expect(r).toEqual({ line: NEEDLE_LINE, text: `line ${NEEDLE_LINE} the Needle here` });
  } finally {
    await one.close();
  }
});

it('fails the jobs of a thread that dies, and runs the next ones on a new thread', async () => {
  const one = new ReaderPool({ dataDir: srv.config.dataDir, databaseUrl: srv.config.databaseUrl }, 1);
  try {
    const job = one.run('scalarSeries', { series: [big, big, big], req: { samples: BIG, band: true } });
    await expect.poll(() => one.load()[0]).toBe(1);
    await one.kill(0);
    const e = await job.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(500);
    expect((e as ApiError).message).toMatch(/reader thread stopped/);
    expect(await one.run('consoleSearch', { task, text: 'needle', from_line: 0 })).toEqual({
      line: NEEDLE_LINE,
      text: `line ${NEEDLE_LINE} the Needle here`,
    });
  } finally {
    await one.close();
  }
});

it('fails each job with the reason when its thread cannot open the store', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-readers-'));
  const broken = new ReaderPool({ dataDir: empty }, 1);
  try {
    for (let i = 0; i < 2; i++) {
      const e = await broken.run('consoleSearch', { task, text: 'needle' }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toMatch(/unable to open database/i);
    }
  } finally {
    await broken.close();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
