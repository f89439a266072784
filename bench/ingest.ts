/**
 * Does ingest keep up, and does it stall other requests? (issue 13). Each figure next to its
 * reference measured in the same run:
 *  - HTTP add_batch of 10k-event batches (target >= 0.8 of the reference) vs two references: the store's own
 *    insert of the same batches in process (addScalars of prebuilt points, no HTTP/parsing), and a literally
 *    raw one (prepared better-sqlite3 statements into the same tables, one transaction a batch, no store
 *    code: raw-sqlite-ingest.ts); and vs a bare node:http server that only reads the same bodies. The bare
 *    server over each reference is the ceiling: a sequential client cannot get past the transfer, so ingest
 *    over a reference cannot pass bare over it unless its work overlaps the transfer;
 *  - 4 clients vs 1 (target >= 1.6x);
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
import { rawScalarWriter } from './raw-sqlite-ingest';
import { startServerProcess } from './server-process';

const BATCHES = 20;
/**
 * Batches sent before each timing, on every path (references too): the figures are steady-state rates,
 * not the first batches' JIT compilation (on the HTTP path that is three threads' worth of code: the
 * server's loop, its parse thread and its writer thread).
 */
const WARM_UP = 5;

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The literally raw reference: the same batches by prepared better-sqlite3 statements into the store's tables. */
async function rawSqliteEventsPerSec(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-raw-'));
  try {
    // The store creates the schema (and the task row the batches update), then lets go of the file.
    const store = openSqliteStore(dir);
    const task = newId();
    await store.transaction(() =>
      store.tasks.insert(blankTask({ user: 'b', userName: 'b', company: 'b' }, { id: task, name: 'raw', type: 'training' })),
    );
    await store.close();
    const raw = rawScalarWriter(path.join(dir, 'taskdeck.sqlite'));
    try {
      const batches = Array.from({ length: BATCHES }, (_, b) => points(task, b));
      for (let w = 0; w < WARM_UP; w++) raw.write(points(task, 990 + w));
      const t0 = performance.now();
      for (const ps of batches) raw.write(ps);
      return (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
    } finally {
      raw.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The store's reference: the same batches through the store in this process, one transaction each. */
async function inProcessEventsPerSec(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-raw-'));
  try {
    const store = openSqliteStore(dir);
    const task = newId();
    await store.transaction(() =>
      store.tasks.insert(blankTask({ user: 'b', userName: 'b', company: 'b' }, { id: task, name: 'raw', type: 'training' })),
    );
    const batches = Array.from({ length: BATCHES }, (_, b) => points(task, b));
    for (let w = 0; w < WARM_UP; w++) await store.transaction(() => store.events.addScalars(points(task, 990 + w)));
    const t0 = performance.now();
    for (const ps of batches) await store.transaction(() => store.events.addScalars(ps));
    const secs = (performance.now() - t0) / 1000;
    await store.close();
    return (BATCHES * BATCH) / secs;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The other reference: a node:http server (own process) that reads each body and answers `{}`. */
async function bareHttpEventsPerSec(bodies: string[]): Promise<number> {
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
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let w = 0; w < WARM_UP; w++) await post(url, '', bodies[w % bodies.length]);
    const t0 = performance.now();
    for (const b of bodies) await post(url, '', b, 'application/json-lines');
    return (bodies.length * BATCH) / ((performance.now() - t0) / 1000);
  } finally {
    child.kill();
  }
}

export async function benchIngest(): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-ingest-'));
  try {
    const inProcess = await inProcessEventsPerSec();
    const raw = await rawSqliteEventsPerSec();
    const srv = await startServerProcess(dataDir, 21000 + Math.floor(Math.random() * 1000));
    try {
      const token = srv.client.token!;
      const add = `${srv.url}/api/v2.23/events.add_batch`;
      const newTask = async (name: string) => {
        const { id } = await srv.client.call('tasks.create', { name, type: 'training' });
        await srv.client.call('tasks.started', { task: id });
        return id;
      };
      // add_batch may answer once a batch is queued: a client's batches count once a read naming the task,
      // which waits for them, shows them stored (the last batch's last iteration).
      const sendAll = async (bodies: string[], task?: string, lastIter?: number) => {
        for (const b of bodies) {
          const status = await post(add, token, b, 'application/json-lines');
          if (status !== 200) throw new Error(`add_batch answered ${status}`);
        }
        if (!task) return;
        const { task: t } = await srv.client.call('tasks.get_by_id', { task });
        if (t.last_iteration !== lastIter) throw new Error(`task ${task} at iteration ${t.last_iteration}, not ${lastIter}`);
      };
      const lastIterOf = (batches: number) => batches * (BATCH / 10) - 1;

      // 1. one client, 10k-event batches
      const one = await newTask('ingest 1');
      const bodies = Array.from({ length: BATCHES }, (_, b) => jsonLines(points(one, b)));
      const warm = await newTask('warm-up');
      await sendAll(
        Array.from({ length: WARM_UP }, (_, w) => jsonLines(points(warm, 990 + w))),
        warm,
        lastIterOf(990 + WARM_UP),
      );
      let t0 = performance.now();
      await sendAll(bodies, one, lastIterOf(BATCHES));
      const single = (BATCHES * BATCH) / ((performance.now() - t0) / 1000);
      const bare = await bareHttpEventsPerSec(bodies);
      results['HTTP ingest events/s (1 client)'] = Math.round(single);
      results['store insert in process events/s (reference)'] = Math.round(inProcess);
      results['raw better-sqlite3 insert events/s (reference)'] = Math.round(raw);
      results['bare node:http body-reading server events/s (reference)'] = Math.round(bare);
      results['HTTP / in-process store insert (target >= 0.8)'] = round2(single / inProcess);
      results['HTTP / raw better-sqlite3 insert (target >= 0.8)'] = round2(single / raw);
      results['HTTP / bare node:http'] = round2(single / bare);
      results['ceiling: bare node:http / in-process store insert'] = round2(bare / inProcess);
      results['ceiling: bare node:http / raw better-sqlite3 insert'] = round2(bare / raw);

      // 2. four clients at once, the same number of batches each
      const four = await Promise.all([0, 1, 2, 3].map((c) => newTask(`ingest 4.${c}`)));
      const fourBodies = four.map((t) => Array.from({ length: BATCHES / 2 }, (_, b) => jsonLines(points(t, b))));
      t0 = performance.now();
      await Promise.all(fourBodies.map((b, c) => sendAll(b, four[c], lastIterOf(BATCHES / 2))));
      const multi = (4 * (BATCHES / 2) * BATCH) / ((performance.now() - t0) / 1000);
      results['HTTP ingest events/s (4 clients)'] = Math.round(multi);
      results['4 clients / 1 client (target >= 1.6)'] = round2(multi / single);
      results['HTTP (4 clients) / in-process store insert'] = round2(multi / inProcess);
      results['HTTP (4 clients) / raw better-sqlite3 insert'] = round2(multi / raw);

      // 3. quick calls and a dashboard reader, idle and under 50 streaming writers
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
          JSON.stringify({ task: one, samples: 2000 }),
        );
        return performance.now() - t;
      };
      const sample = async (f: () => Promise<number>, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(await f());
        return out;
      };
      await sample(info, 30);
      const infoIdle = await sample(info, 300);
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
      const infoBusy = await sample(info, 300);
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
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
