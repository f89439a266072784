/**
 * Does ingest keep up, and does it stall other requests? (issue 13). Each figure next to its
 * reference measured in the same run:
 *  - one client's HTTP add_batch of 10k-event batches (target >= 0.8 of the reference) vs two references:
 *    the store's own insert of the same batches in process (addScalars of prebuilt points, no HTTP/parsing),
 *    and a literally raw one (prepared better-sqlite3 statements into the same tables, one transaction a
 *    batch, no store code: raw-sqlite-ingest.ts); and vs a bare node:http server that only reads the same
 *    bodies. The paths are timed in rounds taken in turn (a busy moment of the machine falls on all of
 *    them) and each figure and ratio is the median of its rounds. The same client against a second server
 *    answering once queued (--ingest-ack queued) is timed in the same rounds. Bodies are encoded to bytes
 *    before they are timed, on every path: encoding a 2 MB string costs the sending process more than the
 *    transfer, and is the client's work, not the server's;
 *  - 4 clients vs 1 (target >= 1.6x), the four timed in the same rounds (each posting half a round);
 *  - server.info p99 while 50 clients stream events vs idle (target <= 3x; the writers stream from a child
 *    process, so that the measuring client is idle);
 *  - a dashboard reader's p95 (task table page + a task's scalars) under 50 writers vs idle (target <= 3x).
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../src/server/store/sqlite';
import { blankTask } from '../src/server/tasks/common';
import { newId } from '../src/server/ids';
import { BATCH, jsonLines, points } from './event-lines';
import { post, quantile } from './http';
import { ownCpuMs } from './timing';
import { rawScalarWriter } from './raw-sqlite-ingest';
import { startServerProcess, type ServerProcess } from './server-process';
import type { Store } from '../src/server/store/store';

const BATCHES = 20;
/** Rounds of each path in turn: each figure is the median of its rounds. */
const ROUNDS = 5;
/**
 * Batches sent before each timing, on every path (references too): the figures are steady-state rates,
 * not the first batches' JIT compilation (on the HTTP path that is three threads' worth of code: the
 * server's loop, its parse thread and its writer thread).
 */
const WARM_UP = 5;

/** server.info calls timed idle and under the writers: a p99 of 1,000 rests on its 10 slowest, not 3. */
const INFO_SAMPLES = 1000;

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A way of storing the bench's batches, timed a round at a time: events per second of `BATCHES` batches. */
interface Path {
  round(r: number): Promise<number>;
  close(): Promise<void>;
  /** CPU time the last round took where it stored the batches (ms): the server process, or this one. */
  cpuMs?: number;
  /** The server's part of it by thread role (ms), where the batches went to a server. */
  threadCpuMs?: Map<string, number>;
}

/**
 * Runs `send` (a round's batches to the server) and answers its rate in events/s for `events`, setting the path's
 * cpuMs and threadCpuMs to what the server's process used meanwhile.
 */
async function timedOnServer(srv: ServerProcess, timed: Path, events: number, send: () => Promise<unknown>) {
  const threads = await srv.threadCpuMs();
  const cpu = srv.cpuMs();
  const t0 = performance.now();
  await send();
  const rate = events / ((performance.now() - t0) / 1000);
  timed.cpuMs = srv.cpuMs() - cpu;
  const after = await srv.threadCpuMs();
  timed.threadCpuMs = new Map([...after].map(([role, ms]) => [role, ms - (threads.get(role) ?? 0)]));
  return rate;
}

/** The roles in the order they are printed; any other the server shows comes after. */
const ROLES = ['main', 'parse', 'writer', 'other'];

/**
 * CPU ms a batch by thread role over all the rounds, as `main 2.1 / parse 3.9 / ...`: a mean, since /proc counts
 * each thread in ticks of 10 ms, coarse against one round's batches.
 */
function byThread(rounds: Map<string, number>[], batchesARound: number): string {
  const roles = [...new Set(rounds.flatMap((m) => [...m.keys()]))].sort(
    (a, b) => (ROLES.indexOf(a) + 1 || 99) - (ROLES.indexOf(b) + 1 || 99),
  );
  const batches = rounds.length * batchesARound;
  return roles.map((role) => `${role} ${round1(rounds.reduce((sum, m) => sum + (m.get(role) ?? 0), 0) / batches)}`).join(' / ');
}

/** A store made on a fresh directory, with the task the batches belong to. */
async function freshStore(): Promise<{ dir: string; store: Store; task: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-raw-'));
  const store = openSqliteStore(dir);
  const task = newId();
  await store.transaction(() =>
    store.tasks.insert(blankTask({ user: 'b', userName: 'b', company: 'b' }, { id: task, name: 'raw', type: 'training' })),
  );
  return { dir, store, task };
}

/** Rounds of batches numbered on from round to round (after WARM_UP batches), as one client would send them. */
const batchNumbers = (r: number) => Array.from({ length: BATCHES }, (_, b) => WARM_UP + r * BATCHES + b);

/** The literally raw reference: the same batches by prepared better-sqlite3 statements into the store's tables. */
async function rawSqlitePath(): Promise<Path> {
  // The store creates the schema (and the task row the batches update), then lets go of the file.
  const { dir, store, task } = await freshStore();
  await store.close();
  const raw = rawScalarWriter(path.join(dir, 'taskdeck.sqlite'));
  for (let w = 0; w < WARM_UP; w++) raw.write(points(task, w));
  const timed: Path = {
    async round(r) {
      const batches = batchNumbers(r).map((b) => points(task, b));
      const cpu = ownCpuMs();
      const t0 = performance.now();
      for (const ps of batches) raw.write(ps);
      const rate = (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
      timed.cpuMs = ownCpuMs() - cpu;
      return rate;
    },
    async close() {
      raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return timed;
}

/** The store's reference: the same batches through the store in this process, one transaction each. */
async function inProcessPath(): Promise<Path> {
  const { dir, store, task } = await freshStore();
  for (let w = 0; w < WARM_UP; w++) await store.transaction(() => store.events.addScalars(points(task, w)));
  return {
    async round(r) {
      const batches = batchNumbers(r).map((b) => points(task, b));
      const t0 = performance.now();
      for (const ps of batches) await store.transaction(() => store.events.addScalars(ps));
      return (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
    },
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The other reference: a node:http server (own process) that reads each body and answers `{}`. */
async function bareHttpPath(): Promise<Path> {
  const port = 20000 + Math.floor(Math.random() * 1000);
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q,s)=>{const c=[];q.on('data',d=>c.push(d));q.on('end',()=>{Buffer.concat(c);s.end('{}')})}).listen(${port},'127.0.0.1',()=>console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const task = newId();
  for (let w = 0; w < WARM_UP; w++) await post(url, '', Buffer.from(jsonLines(points(task, w))), 'application/json-lines');
  return {
    async round(r) {
      const bodies = batchNumbers(r).map((b) => Buffer.from(jsonLines(points(task, b))));
      const t0 = performance.now();
      for (const b of bodies) await post(url, '', b, 'application/json-lines');
      return (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
    },
    async close() {
      child.kill();
    },
  };
}

/**
 * One client posting batches to a server process over HTTP, each body encoded beforehand: `prepare(r)` encodes
 * round r's bodies and answers the sending of them, which ends once a read naming the task shows its last batch
 * stored (add_batch may answer once queued).
 */
async function httpClient(srv: ServerProcess, task: string, batches: number) {
  const add = `${srv.url}/api/v2.23/events.add_batch`;
  const token = srv.client.token!;
  const send = async (body: Buffer) => {
    const status = await post(add, token, body, 'application/json-lines');
    if (status !== 200) throw new Error(`add_batch answered ${status}`);
  };
  for (let w = 0; w < WARM_UP; w++) await send(Buffer.from(jsonLines(points(task, w))));
  return {
    prepare(r: number): () => Promise<void> {
      const numbers = batchNumbers(r).slice(0, batches);
      const bodies = numbers.map((b) => Buffer.from(jsonLines(points(task, b))));
      return async () => {
        for (const b of bodies) await send(b);
        await storedThrough(srv, task, numbers[numbers.length - 1]);
      };
    },
  };
}

const STAGES = ['gate', 'body', 'parse', 'write'] as const;
type StageTotals = Record<(typeof STAGES)[number], { sum: number; count: number }>;

/** The server's taskdeck_ingest_stage_seconds sums and counts by stage, as its /metrics reads now. */
async function stageTotals(srv: ServerProcess): Promise<StageTotals> {
  const res = await fetch(`${srv.url}/metrics`, { headers: { Authorization: `Bearer ${srv.client.token!}` } });
  const lines = (await res.text()).split('\n');
  const totals = Object.fromEntries(STAGES.map((s) => [s, { sum: 0, count: 0 }])) as StageTotals;
  for (const stage of STAGES) {
    for (const part of ['sum', 'count'] as const) {
      const head = `taskdeck_ingest_stage_seconds_${part}{stage="${stage}"} `;
      const line = lines.find((l) => l.startsWith(head));
      if (line === undefined) throw new Error(`/metrics has no ${head.trim()}`);
      totals[stage][part] = Number(line.slice(head.length));
    }
  }
  return totals;
}

/** Seconds and batches in each stage, added up over the rounds of one path. */
function stageTally() {
  const total = Object.fromEntries(STAGES.map((s) => [s, { sum: 0, count: 0 }])) as StageTotals;
  return {
    add(before: StageTotals, after: StageTotals) {
      for (const s of STAGES) {
        total[s].sum += after[s].sum - before[s].sum;
        total[s].count += after[s].count - before[s].count;
      }
    },
    /** Mean ms a batch spent in each stage. */
    means: () => STAGES.map((s) => (total[s].sum * 1000) / Math.max(1, total[s].count)),
  };
}

/** One client posting a round's batches; with `stages`, the server's stage times of those batches are added to it. */
async function httpPath(srv: ServerProcess, task: string, stages?: ReturnType<typeof stageTally>): Promise<Path> {
  const client = await httpClient(srv, task, BATCHES);
  const timed: Path = {
    async round(r) {
      const send = client.prepare(r);
      const before = stages && (await stageTotals(srv));
      const rate = await timedOnServer(srv, timed, BATCHES * BATCH, send);
      if (before) stages.add(before, await stageTotals(srv));
      return rate;
    },
    async close() {},
  };
  return timed;
}

/**
 * Four clients at once on the same server, each posting half a round's batches to a task of its own (twice the
 * batches one client sends a round), so that its rate and one client's are timed alike, in the same rounds.
 */
async function fourClientsPath(srv: ServerProcess, tasks: string[]): Promise<Path> {
  const clients = await Promise.all(tasks.map((t) => httpClient(srv, t, BATCHES / 2)));
  const timed: Path = {
    async round(r) {
      const sends = clients.map((c) => c.prepare(r));
      return timedOnServer(srv, timed, tasks.length * (BATCHES / 2) * BATCH, () => Promise.all(sends.map((send) => send())));
    },
    async close() {},
  };
  return timed;
}

/** Throws unless the task shows batch `b` stored (its last iteration). */
async function storedThrough(srv: ServerProcess, task: string, b: number) {
  const lastIter = (b + 1) * (BATCH / 10) - 1;
  const { task: t } = await srv.client.call('tasks.get_by_id', { task });
  if (t.last_iteration !== lastIter) throw new Error(`task ${task} at iteration ${t.last_iteration}, not ${lastIter}`);
}

const median = (xs: number[]) => quantile(xs, 0.5);

export async function benchIngest(): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-ingest-'));
  const queuedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-ingest-'));
  const opened: Path[] = [];
  try {
    const srv = await startServerProcess(dataDir, 21000 + Math.floor(Math.random() * 1000));
    const queuedSrv = await startServerProcess(queuedDir, 22000 + Math.floor(Math.random() * 1000), {
      TASKDECK_INGEST_ACK: 'queued',
    });
    try {
      const token = srv.client.token!;
      const add = `${srv.url}/api/v2.23/events.add_batch`;
      const newTask = async (name: string, on = srv) => {
        const { id } = await on.client.call('tasks.create', { name, type: 'training' });
        await on.client.call('tasks.started', { task: id });
        return id;
      };
      const sendAll = async (bodies: Buffer[], task: string, lastBatch: number) => {
        for (const b of bodies) {
          const status = await post(add, token, b, 'application/json-lines');
          if (status !== 200) throw new Error(`add_batch answered ${status}`);
        }
        await storedThrough(srv, task, lastBatch);
      };

      // 1. one client, 10k-event batches, against each reference in the same rounds (taken in turn, so
      // that a busy moment of the machine falls on all of them): medians of the rounds.
      const one = await newTask('ingest 1');
      const oneStages = stageTally();
      const paths = {
        http: await httpPath(srv, one, oneStages),
        queued: await httpPath(queuedSrv, await newTask('ingest 1 queued', queuedSrv)),
        raw: await rawSqlitePath(),
        store: await inProcessPath(),
        bare: await bareHttpPath(),
        four: await fourClientsPath(srv, await Promise.all([0, 1, 2, 3].map((c) => newTask(`ingest 4.${c}`)))),
      };
      opened.push(...Object.values(paths));
      const rates: Record<keyof typeof paths, number[]> = { http: [], queued: [], raw: [], store: [], bare: [], four: [] };
      const cpu: Record<'http' | 'raw' | 'four', number[]> = { http: [], raw: [], four: [] };
      const threadCpu: Record<'http' | 'four', Map<string, number>[]> = { http: [], four: [] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const k of Object.keys(paths) as (keyof typeof paths)[]) rates[k].push(await paths[k].round(r));
        for (const k of ['http', 'raw', 'four'] as const) cpu[k].push(paths[k].cpuMs! / (k === 'four' ? 2 * BATCHES : BATCHES));
        for (const k of ['http', 'four'] as const) threadCpu[k].push(paths[k].threadCpuMs!);
      }
      const ratio = (a: keyof typeof paths, b: keyof typeof paths) => round2(median(rates[a].map((x, i) => x / rates[b][i])));
      results['rounds (median of each figure and of each ratio)'] = ROUNDS;
      results['HTTP ingest events/s (1 client)'] = Math.round(median(rates.http));
      results['store insert in process events/s (reference)'] = Math.round(median(rates.store));
      results['raw better-sqlite3 insert events/s (reference)'] = Math.round(median(rates.raw));
      results['bare node:http body-reading server events/s (reference)'] = Math.round(median(rates.bare));
      results['HTTP / in-process store insert (target >= 0.8)'] = ratio('http', 'store');
      results['HTTP / raw better-sqlite3 insert (target >= 0.8)'] = ratio('http', 'raw');
      results['HTTP / bare node:http'] = ratio('http', 'bare');
      results['ceiling: bare node:http / raw better-sqlite3 insert'] = ratio('bare', 'raw');
      results['HTTP ingest events/s, --ingest-ack queued (1 client)'] = Math.round(median(rates.queued));
      results['HTTP --ingest-ack queued / raw better-sqlite3 insert'] = ratio('queued', 'raw');
      // Where one client's batch spends its time, as the server's /metrics counts it (medians above; means here).
      const means = oneStages.means();
      const perBatch = (1000 * BATCH) / median(rates.http);
      results['1 client: ms a batch (from its median rate)'] = round1(perBatch);
      results['1 client, server stages, mean ms a batch: gate / body / parse / write'] = means.map(round1).join(' / ');
      results['1 client: rest (connection, authentication, answer; a batch ms - the stages)'] = round1(
        perBatch - means.reduce((a, b) => a + b, 0),
      );
      results['reference: raw better-sqlite3 insert, ms a batch'] = round1((1000 * BATCH) / median(rates.raw));
      // 2. four clients at once, timed in the same rounds
      results['HTTP ingest events/s (4 clients)'] = Math.round(median(rates.four));
      results['4 clients / 1 client (target >= 1.6)'] = ratio('four', 'http');
      results['4 clients / 1 client, each round'] = rates.four.map((x, i) => round2(x / rates.http[i])).join(' ');
      results['HTTP (4 clients) / raw better-sqlite3 insert'] = ratio('four', 'raw');
      // What bounds four clients on this machine: the CPU a batch costs the server, all its threads together,
      // against the raw insert's (this process's CPU over its rounds), medians of the rounds.
      results['CPU ms a batch: raw better-sqlite3 insert / server, 1 client / server, 4 clients'] = [cpu.raw, cpu.http, cpu.four]
        .map((xs) => round1(median(xs)))
        .join(' / ');
      results['server CPU a batch, 4 clients / raw better-sqlite3 insert'] = round2(
        median(cpu.four.map((x, i) => x / cpu.raw[i])),
      );
      // The same by thread, as the server's threads name themselves (Linux).
      results['server CPU ms a batch by thread, 1 client (mean of the rounds)'] = byThread(threadCpu.http, BATCHES);
      results['server CPU ms a batch by thread, 4 clients (mean of the rounds)'] = byThread(threadCpu.four, 2 * BATCHES);
      await queuedSrv.stop();

      // 3. quick calls and a dashboard reader, idle and under 50 streaming writers; the reader's task
      // holds BATCHES batches (200k points), as it did before the rounds above.
      const shown = await newTask('shown');
      await sendAll(
        Array.from({ length: BATCHES }, (_, b) => Buffer.from(jsonLines(points(shown, b)))),
        shown,
        BATCHES - 1,
      );
      const info = async () => {
        const t = performance.now();
        await post(`${srv.url}/api/v2.23/server.info`, token, '{}');
        return performance.now() - t;
      };
      const reader = async () => {
        const t = performance.now();
        await post(
          `${srv.url}/api/v2.23/tasks.get_all_ex`,
          token,
          JSON.stringify({
            order_by: ['-last_update'],
            page: 0,
            page_size: 50,
            only_fields: ['id', 'name', 'status', 'last_metrics'],
          }),
        );
        await post(
          `${srv.url}/api/v2.23/events.scalar_metrics_iter_histogram`,
          token,
          JSON.stringify({ task: shown, samples: 2000 }),
        );
        return performance.now() - t;
      };
      const sample = async (f: () => Promise<number>, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(await f());
        return out;
      };
      await sample(info, 30);
      const infoIdle = await sample(info, INFO_SAMPLES);
      const readerIdle = await sample(reader, 40);

      const writers = await Promise.all(Array.from({ length: 50 }, (_, w) => newTask(`writer ${w}`)));
      // The writers stream from a process of their own: see writers-process.ts.
      const child = fork(path.join(import.meta.dirname, 'writers-process.ts'), [], { execArgv: process.execArgv });
      const said = (what: (m: unknown) => boolean) =>
        new Promise<unknown>((resolve, reject) => {
          child.on('message', (m) => what(m) && resolve(m));
          child.once('exit', (code) => reject(new Error(`the writers' process exited with ${code}`)));
        });
      const ready = said((m) => m === 'ready');
      child.send({ url: srv.url, token, tasks: writers });
      await ready;
      const infoBusy = await sample(info, INFO_SAMPLES);
      const readerBusy = await sample(reader, 40);
      const done = said((m) => typeof m === 'object');
      child.send('stop');
      const { sent, failed } = (await done) as { sent: number; failed: number };
      if (failed) throw new Error(`${failed} writer batches were refused`);
      results['writer batches of 500 events stored while measuring'] = sent;
      const p99 = (xs: number[]) => quantile(xs, 0.99);
      const p95 = (xs: number[]) => quantile(xs, 0.95);
      results['server.info idle p99 ms'] = round1(p99(infoIdle));
      results['server.info p99 under 50 writers ms'] = round1(p99(infoBusy));
      results['server.info p99 under 50 writers / idle (target <= 3)'] = round1(p99(infoBusy) / p99(infoIdle));
      results['dashboard reader idle p95 ms'] = round1(p95(readerIdle));
      results['dashboard reader p95 under 50 writers ms'] = round1(p95(readerBusy));
      results['dashboard reader p95 under 50 writers / idle (target <= 3)'] = round1(p95(readerBusy) / p95(readerIdle));
      results['server RSS MiB after the writers'] = Math.round(srv.rssMiB());
    } finally {
      await srv.stop();
      await queuedSrv.stop();
    }
  } finally {
    for (const p of opened) await p.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(queuedDir, { recursive: true, force: true });
  }
  return results;
}
