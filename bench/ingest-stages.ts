/**
 * Where an add_batch body's time goes, stage by stage, in process (issue 13): the parse thread's work
 * (utf-8 decode, JSON per line, the checks) and the writer's (building the store's rows, the scalar insert,
 * the task's row and metrics), next to the two references of the ingest bench measured in the same run
 * (the store's addScalars of prebuilt points, and raw better-sqlite3 statements). Each stage runs each
 * batch in turn with the others (alternated), and the figure is the median CPU time (this process's user + system:
 * wall time on a busy machine measures the others) per 10k-event batch.
 * `npm run bench -- stages`, or `npx tsx bench/ingest-stages.ts` (no build needed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/server/config';
import { checkBatch, checkBatchBody } from '../src/server/events/checked-batch';
import { storeBatch } from '../src/server/events/store-batch';
import { parseBody } from '../src/server/http/body';
import { checkLimits } from '../src/server/http/limits';
import { newId } from '../src/server/ids';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { Store } from '../src/server/store/store';
import { blankTask } from '../src/server/tasks/common';
import { BATCH, jsonLines, points } from './event-lines';
import { rawScalarWriter } from './raw-sqlite-ingest';
import { ownCpuMs } from './timing';

const BATCHES = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

async function storeWithTask(dir: string): Promise<{ store: Store; task: string }> {
  const store = openSqliteStore(dir);
  const task = newId();
  await store.transaction(() =>
    store.tasks.insert(blankTask({ user: 'b', userName: 'b', company: 'b' }, { id: task, name: 'stages', type: 'training' })),
  );
  return { store, task };
}

export async function benchIngestStages(): Promise<Record<string, number | string>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-stages-'));
  const limits = defaultConfig();
  const ct = 'application/json-lines';
  try {
    const w = await storeWithTask(path.join(root, 'writer'));
    const ref = await storeWithTask(path.join(root, 'ref'));
    const rawDir = path.join(root, 'raw');
    const r = await storeWithTask(rawDir);
    await r.store.close();
    const raw = rawScalarWriter(path.join(rawDir, 'taskdeck.sqlite'));

    // The writer's pieces, timed by wrapping the store's methods it calls (no code of the server changes).
    const inner: Record<string, number> = { addScalars: 0, recordEvents: 0 };
    const timed =
      <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        const t = ownCpuMs();
        try {
          return await f(...a);
        } finally {
          inner[name] += ownCpuMs() - t;
        }
      };
    // The writer's scalar insert: addScalarSeries where the store has it (the columns), addScalars before.
    const ev = w.store.events as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const insert = 'addScalarSeries' in ev ? 'addScalarSeries' : 'addScalars';
    ev[insert] = timed('addScalars', ev[insert].bind(ev));
    w.store.tasks.recordEvents = timed('recordEvents', w.store.tasks.recordEvents.bind(w.store.tasks));

    const bodies = (task: string) => Array.from({ length: BATCHES + 1 }, (_, b) => Buffer.from(jsonLines(points(task, b))));
    const wBodies = bodies(w.task);
    const refPoints = Array.from({ length: BATCHES + 1 }, (_, b) => points(ref.task, b));
    const rawPoints = Array.from({ length: BATCHES + 1 }, (_, b) => points(r.task, b));

    const t: Record<string, number[]> = {
      'decode + JSON per line (parseBody)': [],
      'checks (limits, schema, columns)': [],
      'reference: JSON.parse path total (parseBody + checkLimits + checkBatch)': [],
      'parse total (checkBatchBody, byte scanner)': [],
      'writer total (storeBatch in a transaction)': [],
      'writer: scalar insert': [],
      'writer: task row + metrics': [],
      'writer: rest (rows built, folds, transaction)': [],
      'reference: store addScalars of prebuilt points': [],
      'reference: raw better-sqlite3': [],
    };
    const time = (name: string, f: () => unknown) => {
      const t0 = ownCpuMs();
      const out = f();
      t[name].push(ownCpuMs() - t0);
      return out;
    };
    const timeAsync = async (name: string, f: () => Promise<unknown>) => {
      const t0 = ownCpuMs();
      await f();
      t[name].push(ownCpuMs() - t0);
    };
    for (let b = 0; b <= BATCHES; b++) {
      const body = wBodies[b];
      const items = time('decode + JSON per line (parseBody)', () => parseBody(body, ct)) as unknown[];
      time('checks (limits, schema, columns)', () => {
        checkLimits('events.add_batch', items, limits);
        return checkBatch(items);
      });
      time('reference: JSON.parse path total (parseBody + checkLimits + checkBatch)', () => {
        const parsed = parseBody(body, ct) as unknown[];
        checkLimits('events.add_batch', parsed, limits);
        return checkBatch(parsed);
      });
      const checked = time('parse total (checkBatchBody, byte scanner)', () => checkBatchBody(body, ct, limits)) as ReturnType<
        typeof checkBatchBody
      >;
      inner.addScalars = inner.recordEvents = 0;
      await timeAsync('writer total (storeBatch in a transaction)', () =>
        w.store.transaction(() => storeBatch(w.store, checked, { now: Date.now(), worker: 'bench' })),
      );
      const total = t['writer total (storeBatch in a transaction)'].at(-1)!;
      t['writer: scalar insert'].push(inner.addScalars);
      t['writer: task row + metrics'].push(inner.recordEvents);
      t['writer: rest (rows built, folds, transaction)'].push(total - inner.addScalars - inner.recordEvents);
      await timeAsync('reference: store addScalars of prebuilt points', () =>
        ref.store.transaction(() => ref.store.events.addScalars(refPoints[b])),
      );
      time('reference: raw better-sqlite3', () => raw.write(rawPoints[b]));
      if (b === 0) for (const k of Object.keys(t)) t[k] = []; // the first batch warms up
    }
    raw.close();
    await w.store.close();
    await ref.store.close();
    const out: Record<string, number | string> = { 'events per batch': BATCH, batches: BATCHES };
    for (const [k, xs] of Object.entries(t)) out[`${k} ms (median)`] = round1(median(xs));
    out['byte scanner / JSON.parse path (median of per-batch ratios)'] =
      Math.round(
        median(
          t['parse total (checkBatchBody, byte scanner)'].map(
            (x, i) => x / t['reference: JSON.parse path total (parseBody + checkLimits + checkBatch)'][i],
          ),
        ) * 1000,
      ) / 1000;
    return out;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchIngestStages())) console.log(`  ${k}: ${v}`);
}
