/** The store's query semantics, the same on SQLite and (in the postgres project) PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from '../../../shared/api/records';
import type { Store } from '../store';
import { makeTask, openTestStore } from './test-store';

let store: Store;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ store, remove } = await openTestStore());
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

  it('matches name patterns case-insensitively and search text literally', async () => {
    expect(ids(await store.tasks.query({ nameRegex: '^(alpha|BETA) ' }))).toEqual(['t1', 't2']);
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

describe('queues', () => {
  it('keeps entries in order and finds the queues holding a task', async () => {
    const q: Queue = {
      id: 'q1',
      name: 'gpu',
      user: 'u1',
      company: 'c1',
      created: '2026-01-01T00:00:00.000+00:00',
      last_update: '2026-01-01T00:00:00.000+00:00',
      tags: [],
      system_tags: [],
      entries: [
        { task: 't2', added: '2026-01-01T00:00:02.000+00:00' },
        { task: 't1', added: '2026-01-01T00:00:01.000+00:00' },
      ],
    };
    await store.queues.insert(q);
    expect((await store.queues.get('q1'))?.entries.map((e) => e.task)).toEqual(['t2', 't1']);
    await store.queues.update({ ...q, entries: [q.entries[1]] });
    expect((await store.queues.getByName('gpu'))?.entries).toEqual([q.entries[1]]);
    expect((await store.queues.findByTask('t1')).map((x) => x.id)).toEqual(['q1']);
    expect(await store.queues.findByTask('t2')).toEqual([]);
  });
});
