/** The store's query semantics, the same on SQLite and (in the postgres project) PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../../shared/api/records';
import type { Store } from '../store';
import { makeTask, openTestStore } from './test-store';

let store: Store;
let kind: 'sqlite' | 'postgres';
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ store, kind, remove } = await openTestStore());
  const hp = (lr: string) => ({ Args: { lr: { section: 'Args', name: 'lr', value: lr } } });
  await store.tasks.insert(makeTask({ id: 't1', name: 'Alpha run', tags: ['a', 'b'], hyperparams: hp('10') }));
  await store.tasks.insert(makeTask({ id: 't2', name: 'beta run', tags: ['b'], hyperparams: hp('9'), status: 'completed' }));
  await store.tasks.insert(makeTask({ id: 't3', name: 'gamma', tags: [], hyperparams: hp('adam'), comment: '50% off_x' }));
  await store.tasks.insert(makeTask({ id: 't4', name: 'delta', system_tags: ['archived'], project: 'p2' }));
  await store.tasks.insert(makeTask({ id: 't5', name: 'hidden one', system_tags: ['hidden'] }));
});
afterAll(() => remove?.());

const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);

describe('tasks', () => {
  it('filters by tags (all, any, none) and system tags, from the tag table', async () => {
    expect(ids(await store.tasks.query({ tags: { all: ['a', 'b'] } }))).toEqual(['t1']);
    expect(ids(await store.tasks.query({ tags: { any: ['a', 'b'] } }))).toEqual(['t1', 't2']);
    expect(ids(await store.tasks.query({ tags: { none: ['b'] } }))).toEqual(['t3', 't4']);
    expect(ids(await store.tasks.query({ systemTags: { none: ['archived'] } }))).toEqual(['t1', 't2', 't3']);
    expect(ids(await store.tasks.query({ tags: { any: [], none: [] } }))).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('leaves hidden tasks out unless asked, and a changed tag list replaces the old one', async () => {
    expect(ids(await store.tasks.query({ includeHidden: true }))).toContain('t5');
    expect(ids(await store.tasks.query({}))).not.toContain('t5');
    const t3 = (await store.tasks.get('t3'))!;
    await store.tasks.update({ ...t3, tags: ['c'] });
    expect(ids(await store.tasks.query({ tags: { all: ['c'] } }))).toEqual(['t3']);
    await store.tasks.update({ ...t3, tags: [] });
    expect(ids(await store.tasks.query({ tags: { all: ['c'] } }))).toEqual([]);
  });

  it('sorts hyperparameters written as text by number, then text, missing ones first', async () => {
    const asc = await store.tasks.query({ orderBy: [{ field: 'hyperparams.Args.lr.value', desc: false }] });
    expect(ids(asc)).toEqual(['t4', 't3', 't2', 't1']);
    const desc = await store.tasks.query({ orderBy: [{ field: 'hyperparams.Args.lr.value', desc: true }] });
    expect(ids(desc)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('matches name patterns with their case unless they ask (?i), and search text literally', async () => {
    expect(ids(await store.tasks.query({ nameRegex: '^(alpha|BETA) ' }))).toEqual([]);
    expect(ids(await store.tasks.query({ nameRegex: '^(Alpha|beta) ' }))).toEqual(['t1', 't2']);
    expect(ids(await store.tasks.query({ nameRegex: '(?i)^(alpha|BETA) ' }))).toEqual(['t1', 't2']);
    expect(ids(await store.tasks.query({ searchText: '50% OFF_' }))).toEqual(['t3']);
    expect(ids(await store.tasks.query({ searchText: '5_%' }))).toEqual([]);
  });

  it('pages, counts, and counts by project and status', async () => {
    expect(ids(await store.tasks.query({ orderBy: [{ field: 'name', desc: false }], offset: 1, limit: 2 }))).toEqual([
      't2',
      't4',
    ]);
    expect(ids(await store.tasks.query({ orderBy: [{ field: 'name', desc: false }], offset: 3 }))).toEqual(['t3']);
    expect(await store.tasks.count({ statuses: ['created'] })).toBe(3);
    const counts = await store.tasks.countByProjectAndStatus(['p1', 'p2']);
    expect(counts.map((c) => [c.project, c.status, c.count]).sort()).toEqual([
      ['p1', 'completed', 1],
      ['p1', 'created', 2],
    ]);
    expect(counts.every((c) => c.lastUpdate === '2026-01-01T00:00:00.000+00:00')).toBe(true);
    const withArchived = await store.tasks.countByProjectAndStatus(['p2'], true);
    expect(withArchived.map((c) => [c.project, c.status, c.count])).toEqual([['p2', 'created', 1]]);
  });
});

describe('counts kept current', () => {
  it('follow inserts, status changes, archiving and deletes, and agree with a scan', async () => {
    const visible = { projects: ['p9'], systemTags: { none: ['archived'] } };
    // A name filter makes the store count by scanning rows instead of reading the kept totals.
    const scanned = (q: object) => store.tasks.count({ ...q, nameRegex: '.' });
    await store.tasks.insert(makeTask({ id: 'c1', project: 'p9' }));
    await store.tasks.insert(makeTask({ id: 'c2', project: 'p9' }));
    await store.tasks.insert(makeTask({ id: 'c3', project: 'p9', status: 'completed' }));
    expect(await store.tasks.count(visible)).toBe(3);
    expect(await store.tasks.count({ ...visible, statuses: ['created'] })).toBe(2);
    await store.tasks.update({ ...(await store.tasks.get('c1'))!, status: 'completed' });
    await store.tasks.update({ ...(await store.tasks.get('c2'))!, system_tags: ['archived'] });
    expect(await store.tasks.count({ ...visible, statuses: ['completed'] })).toBe(2);
    expect(await store.tasks.count(visible)).toBe(2);
    expect(await store.tasks.count({ projects: ['p9'] })).toBe(3);
    await store.tasks.delete('c3');
    expect(await store.tasks.count(visible)).toBe(1);
    for (const q of [visible, { projects: ['p9'] }, { ...visible, statuses: ['completed'] }]) {
      expect(await store.tasks.count(q)).toBe(await scanned(q));
    }
    await store.tasks.delete('c1');
    await store.tasks.delete('c2');
    expect(await store.tasks.count({ projects: ['p9'] })).toBe(0);
  });
});

describe('keyset paging', () => {
  it('continues after the cursor in the order asked, and falls back to the offset for other orders', async () => {
    const byStatusName = [
      { field: 'status', desc: true },
      { field: 'name', desc: false },
    ];
    // 'created' sorts after 'completed': created ones by name (t1 "Alpha run", t4 "delta", t3 "gamma"), then t2
    expect(ids(await store.tasks.query({ orderBy: byStatusName }))).toEqual(['t1', 't4', 't3', 't2']);
    const page = await store.tasks.query({ orderBy: byStatusName, after: ['created', 'Alpha run', 't1'], limit: 5 });
    expect(ids(page)).toEqual(['t4', 't3', 't2']);
    // A made-up offset is not used when the cursor can be.
    const next = await store.tasks.query({ orderBy: byStatusName, after: ['created', 'delta', 't4'], offset: 3 });
    expect(ids(next)).toEqual(['t3', 't2']);
    const byLr = [{ field: 'hyperparams.Args.lr.value', desc: false }];
    expect(ids(await store.tasks.query({ orderBy: byLr, after: ['x', 'y'], offset: 2 }))).toEqual(['t2', 't1']);
  });
});

describe('transactions', () => {
  it('roll back every write of a failed transaction, through the handle and the outer store alike', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.tasks.insert(makeTask({ id: 'tx1' }));
        await store.tasks.insert(makeTask({ id: 'tx2' }));
        await store.transaction(async (inner) => inner.tasks.insert(makeTask({ id: 'tx3' })));
        expect(ids(await tx.tasks.getMany(['tx1', 'tx2', 'tx3']))).toEqual(['tx1', 'tx2', 'tx3']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.tasks.getMany(['tx1', 'tx2', 'tx3'])).toEqual([]);
  });

  it('keep every write of a transaction that ends well', async () => {
    const result = await store.transaction(async (tx) => {
      await tx.tasks.insert(makeTask({ id: 'tx4' }));
      return 'done';
    });
    expect(result).toBe('done');
    expect((await store.tasks.get('tx4'))?.id).toBe('tx4');
  });
});

/** A queue holding `tasks` in this order, added a second apart. */
const queue = (id: string, tasks: string[]): Queue => ({
  id,
  name: id,
  user: 'u1',
  company: 'c1',
  created: '2026-01-01T00:00:00.000+00:00',
  last_update: '2026-01-01T00:00:00.000+00:00',
  tags: [],
  system_tags: [],
  entries: tasks.map((task, i) => ({ task, added: `2026-01-01T00:00:0${i}.000+00:00` })),
});

describe('queues', () => {
  it('keeps entries in order and finds the queues holding a task', async () => {
    const q: Queue = { ...queue('q1', ['t2', 't1']), name: 'gpu' };
    await store.queues.insert(q);
    expect((await store.queues.get('q1'))?.entries.map((e) => e.task)).toEqual(['t2', 't1']);
    await store.queues.update({ ...q, entries: [q.entries[1]] });
    expect((await store.queues.getByName('gpu'))?.entries).toEqual([q.entries[1]]);
    expect((await store.queues.findByTask('t1')).map((x) => x.id)).toEqual(['q1']);
    expect(await store.queues.findByTask('t2')).toEqual([]);
  });
});

describe('queue pops', () => {
  it('take the head (only the task asked for, when given), and tell a missing queue from an empty one', async () => {
    await store.queues.insert(queue('pop1', ['a', 'b']));
    expect(await store.queues.pop('pop1', 'b')).toBeNull();
    expect((await store.queues.get('pop1'))?.entries.map((e) => e.task)).toEqual(['a', 'b']);
    expect(await store.queues.pop('pop1', 'a')).toEqual({ task: 'a', added: '2026-01-01T00:00:00.000+00:00' });
    expect(await store.transaction((tx) => tx.queues.pop('pop1'))).toEqual({ task: 'b', added: '2026-01-01T00:00:01.000+00:00' });
    expect(await store.queues.pop('pop1')).toBeNull();
    expect(await store.queues.pop('no-such-queue')).toBe('missing');
  });

  it('hand each entry to one of many concurrent pops, in queue order', async () => {
    await store.queues.insert(queue('pop2', ['e0', 'e1', 'e2', 'e3', 'e4']));
    const got = await Promise.all(Array.from({ length: 12 }, () => store.transaction((tx) => tx.queues.pop('pop2'))));
    const tasks = got.flatMap((g) => (g && g !== 'missing' ? [g.task] : []));
    expect(tasks.sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(got.filter((g) => g === null).length).toBe(7);
  });

  it('on PostgreSQL, do not wait for a pop still open on the same queue, and a reorder waits for both', async () => {
    if (kind !== 'postgres') return;
    await store.queues.insert(queue('pop3', ['h0', 'h1', 'h2']));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstPopped!: (task: string) => void;
    const first = new Promise<string>((r) => (firstPopped = r));
    const slow = store.transaction(async (tx) => {
      const e = await tx.queues.pop('pop3');
      firstPopped(e && e !== 'missing' ? e.task : '');
      await held;
    });
    expect(await first).toBe('h0');
    // The second pop finishes while the first transaction still holds its entry.
    expect(await store.transaction((tx) => tx.queues.pop('pop3'))).toMatchObject({ task: 'h1' });
    const rewrite = store.transaction(async (tx) => {
      const q = (await tx.queues.get('pop3'))!;
      await tx.queues.update({ ...q, entries: [...q.entries].reverse() });
      return q.entries.map((e) => e.task);
    });
    release();
    await slow;
    // The rewrite read the queue after both pops: neither entry comes back.
    expect(await rewrite).toEqual(['h2']);
    expect((await store.queues.get('pop3'))?.entries.map((e) => e.task)).toEqual(['h2']);
  });
});

describe('queue samples', () => {
  it('bucket by interval keeping the largest wait (then length), and expire in bounded batches', async () => {
    const base = 1_700_000_000_000;
    await store.queueSamples.add([
      { queue: 'qs', at: base + 100, length: 1, avgWait: 2 },
      { queue: 'qs', at: base + 900, length: 4, avgWait: 5 },
      { queue: 'qs', at: base + 950, length: 6, avgWait: 5 },
      { queue: 'qs', at: base + 1500, length: 2, avgWait: 1 },
      { queue: 'other', at: base + 200, length: 9, avgWait: 9 },
    ]);
    expect(await store.queueSamples.buckets(['qs'], base, base + 2000, 1000)).toEqual([
      { queue: 'qs', at: base, length: 6, avgWait: 5 },
      { queue: 'qs', at: base + 1000, length: 2, avgWait: 1 },
    ]);
    expect(await store.queueSamples.buckets(['qs'], base + 1000, base + 2000, 1000)).toEqual([
      { queue: 'qs', at: base + 1000, length: 2, avgWait: 1 },
    ]);
    expect(await store.queueSamples.deleteOlder(base + 1000, 2)).toBe(2);
    expect((await store.queueSamples.buckets(['qs', 'other'], base, base + 2000, 1)).map((r) => r.at)).toEqual([
      base + 900,
      base + 950,
      base + 1500,
    ]);
    expect(await store.queueSamples.deleteOlder(base + 1000, 100)).toBe(2);
    expect(await store.queueSamples.deleteOlder(base + 1000, 100)).toBe(0);
  });
});

describe('login failures', () => {
  it('list a key’s recent attempts newest first, forget one by id, and expire in bounded batches', async () => {
    await store.loginFailures.add('a1', ['ip:1', 'key:k'], 1000);
    await store.loginFailures.add('a2', ['ip:1', 'key:k'], 2000);
    await store.loginFailures.add('a3', ['ip:1'], 3000);
    expect(await store.loginFailures.recent('ip:1', 0, 10)).toEqual([3000, 2000, 1000]);
    expect(await store.loginFailures.recent('ip:1', 1500, 1)).toEqual([3000]);
    await store.loginFailures.forget('a2');
    expect(await store.loginFailures.recent('key:k', 0, 10)).toEqual([1000]);
    expect(await store.loginFailures.deleteOlder(3000, 1)).toBe(2);
    expect(await store.loginFailures.recent('ip:1', 0, 10)).toEqual([3000]);
    expect(await store.loginFailures.deleteOlder(3000, 100)).toBe(0);
  });
});
