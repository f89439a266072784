/**
 * `taskdeck_ingest_stage_seconds` tells where event batches spend their time. The writer is held back by a
 * write lock taken on the database file from here (the writer thread waits on it like any writer), so the
 * write stage must show at least the time the lock was held, and the other stages none of it.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import type { ThreadWriter } from '../events/thread-writer';

const HELD_MS = 300;
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

async function stages(): Promise<Map<string, number>> {
  const res = await fetch(`${srv.url}/metrics`, { headers: { Authorization: `Bearer ${srv.client.token!}` } });
  const found = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^taskdeck_ingest_stage_seconds_(sum|count)\{stage="([a-z]+)"\} (\S+)$/.exec(line);
    if (m) found.set(`${m[2]} ${m[1]}`, Number(m[3]));
  }
  return found;
}

it('counts each batch once in gate, body, parse and write, and a held writer in the write stage alone', async () => {
  const { id: task } = await srv.client.call('tasks.create', { name: 'stages', type: 'training' });
  const batch = (from: number) =>
    Array.from({ length: 40 }, (_, i) => ({
      type: 'training_stats_scalar',
      task,
      metric: 'm',
      variant: 'v',
      iter: from + i,
      value: i,
    }));
  await srv.client.call('events.add_batch', batch(0) as never);
  const before = await stages();
  for (const stage of ['gate', 'body', 'parse', 'write']) expect(before.get(`${stage} count`), stage).toBe(1);

  const db = new Database(path.join(srv.dataDir, 'taskdeck.sqlite'));
  db.prepare('BEGIN IMMEDIATE').run();
  const writer = srv.runtime.ingestWriter as ThreadWriter;
  let heldFrom = 0;
  let answer: Promise<unknown>;
  try {
    answer = srv.client.call('events.add_batch', batch(40) as never);
    // From the moment the writer holds the batch, the lock is held HELD_MS longer.
    await expect.poll(() => writer.pending, { interval: 5 }).toBe(1);
    heldFrom = performance.now();
    await new Promise((r) => setTimeout(r, HELD_MS));
  } finally {
    db.prepare('COMMIT').run();
    db.close();
  }
  const heldMs = performance.now() - heldFrom;
  expect(await answer).toMatchObject({ added: 40, errors: 0 });

  const after = await stages();
  const spent = (stage: string) => (after.get(`${stage} sum`)! - before.get(`${stage} sum`)!) * 1000;
  for (const stage of ['gate', 'body', 'parse', 'write']) expect(after.get(`${stage} count`), stage).toBe(2);
  expect(spent('write')).toBeGreaterThanOrEqual(heldMs - 1);
  // The other stages of the second batch ran before the writer had it, so they do not include the lock's time.
  for (const stage of ['gate', 'body', 'parse']) expect(spent(stage), stage).toBeLessThan(heldMs / 2);
});
