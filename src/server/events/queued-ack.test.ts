/**
 * With ingestAck `queued`, add_batch on SQLite answers once its batch is checked and queued to the
 * writer thread, and calls that may read events wait for the commit. The writer is held back by a
 * write lock taken on the database file from here, which it waits on (busy timeout) like any writer.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import type { ThreadWriter } from './thread-writer';

const scalars = (task: string, n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'training_stats_scalar',
    task,
    metric: 'loss',
    variant: 'total',
    iter: from + i,
    value: i,
    timestamp: 1e12 + i,
  }));

/** A promise's settlement, readable without awaiting it. */
function watch<T>(p: Promise<T>) {
  const state = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  const done = p.then(
    (v) => Object.assign(state, { settled: true, value: v }),
    (e: unknown) => Object.assign(state, { settled: true, error: e }),
  );
  return { state, done };
}

/** Holds the database's write lock from another connection until `release` is called. */
function holdWriteLock(dataDir: string) {
  const db = new Database(path.join(dataDir, 'taskdeck.sqlite'));
  db.prepare('BEGIN IMMEDIATE').run();
  return () => {
    db.prepare('COMMIT').run();
    db.close();
  };
}

describe('add_batch answered once queued (SQLite writer thread)', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.stop();
    srv = undefined;
  });
  const newTask = async (s: TestServer, name: string) => (await s.client.call('tasks.create', { name, type: 'training' })).id;

  it('answers a batch while the writer waits for the lock; calls that may read it wait for the commit, server.info does not', async () => {
    const s = (srv = await startTestServer({ ingestAck: 'queued' }));
    const task = await newTask(s, 'queued');
    const other = await newTask(s, 'other');
    await s.client.call('events.add_batch', scalars(other, 5) as never);
    // Stored before the lock is taken: a read naming the task waits for it.
    expect((await s.client.call('tasks.get_by_id', { task: other })).task.last_iteration).toBe(4);

    const release = holdWriteLock(s.dataDir);
    let released = false;
    try {
      const answer = await s.client.call('events.add_batch', scalars(task, 30) as never);
      expect(answer).toMatchObject({ added: 30, errors: 0 });
      // Not stored yet: the writer thread waits for the lock held here.
      expect(await s.store.events.listSeries([task])).toEqual([]);
      const read = watch(s.client.call('tasks.get_by_id', { task }));
      const hist = watch(s.client.call('events.scalar_metrics_iter_histogram', { task }));
      const list = watch(s.client.call('tasks.get_all', { id: [other] }));
      // A call that cannot read events is answered meanwhile; those that may read them wait.
      await s.client.call('server.info', {});
      await s.client.call('queues.get_all', {});
      expect(read.state.settled).toBe(false);
      expect(hist.state.settled).toBe(false);
      expect(list.state.settled).toBe(false);
      release();
      released = true;
      await Promise.all([read.done, hist.done, list.done]);
      expect(read.state.value!.task.last_iteration).toBe(29);
      const h = hist.state.value as unknown as { loss: { total: { x: number[] } } };
      expect(h.loss.total.x).toHaveLength(30);
    } finally {
      if (!released) release();
    }
    await s.runtime.ingestBacklog!.drained();
    expect(s.runtime.ingestBacklog!.size).toBe(0);
  }, 60_000);

  it('refuses a batch for an unknown task at once, queueing nothing, and tallies mixed batches as the writer does', async () => {
    const s = (srv = await startTestServer({ ingestAck: 'queued' }));
    const task = await newTask(s, 'mixed');
    const e = await s.client.call('events.add_batch', scalars('no-such-task', 3) as never).then(
      () => undefined,
      (err: unknown) => err as { code: number; subcode: number },
    );
    expect([e?.code, e?.subcode]).toEqual([400, 131]);
    expect(s.runtime.ingestBacklog!.size).toBe(0);
    const mixed = [...scalars(task, 4), ...scalars('no-such-task', 2), { ...scalars(task, 1)[0], value: undefined }];
    const answer = await s.client.call('events.add_batch', mixed as never);
    expect(answer.added).toBe(4);
    expect(answer.errors).toBe(3);
    expect(answer.errors_info).toEqual({ 'unknown task id no-such-task': 2, 'scalar event without a numeric value': 1 });
    expect((await s.client.call('tasks.get_by_id', { task })).task.last_iteration).toBe(3);
  }, 60_000);

  it('by default (ingestAck stored), answers only once the batch is committed', async () => {
    const s = (srv = await startTestServer());
    expect(s.runtime.ingestBacklog).toBeUndefined();
    const task = await newTask(s, 'stored');
    const other = await newTask(s, 'other');
    const release = holdWriteLock(s.dataDir);
    let released = false;
    try {
      const add = watch(s.client.call('events.add_batch', scalars(task, 10) as never));
      // The writer thread holds the batch (waiting for the lock), and a quick call is answered meanwhile...
      await expect.poll(() => (s.runtime.ingestWriter as ThreadWriter).pending, { timeout: 20_000 }).toBe(1);
      await s.client.call('tasks.get_by_id', { task: other });
      // ... and the batch has waited at least that long, unanswered.
      expect(add.state.settled).toBe(false);
      release();
      released = true;
      await add.done;
      expect(add.state.value).toMatchObject({ added: 10 });
    } finally {
      if (!released) release();
    }
    expect((await s.store.events.listSeries([task]))[0].count).toBe(10);
  }, 60_000);

  it('a clean stop commits every batch it answered', async () => {
    const s = await startTestServer({ ingestAck: 'queued' });
    const task = await newTask(s, 'stopped');
    const release = holdWriteLock(s.dataDir);
    // As many as may wait answered (2): a third would wait for one of them to be stored.
    for (let b = 0; b < 2; b++) await s.client.call('events.add_batch', scalars(task, 100, b * 100) as never);
    expect(s.runtime.ingestBacklog!.size).toBe(2);
    const closing = s.close();
    release();
    await closing;
    const db = new Database(path.join(s.dataDir, 'taskdeck.sqlite'), { readonly: true });
    try {
      const { n } = db.prepare('SELECT sum(count) AS n FROM scalar_series').get() as { n: number };
      expect(n).toBe(200);
    } finally {
      db.close();
      (await import('node:fs')).rmSync(s.dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
