/**
 * Sorting and range filters on hyperparameters, read from the parameter rows the task repository
 * keeps, on SQLite and (in the postgres project) PostgreSQL. The expected orders are computed here
 * from the values themselves: numbers by value, then text, a task lacking the parameter first
 * ascending; a descending sort is the ascending one reversed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import type { Store, TaskQuery } from '../store';
import { expectedOrder, NUMBER } from './param-order';
import { makeTask, openTestStore } from './test-store';

let store: Store;
let remove: () => Promise<void>;

const lr = (value: string) => ({ Args: { lr: { section: 'Args', name: 'lr', value } } });
const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);
const LR = 'hyperparams.Args.lr.value';

/** Every page of `q` sorted by `field`, `size` at a time, joined. */
async function pagesBy(field: string, q: TaskQuery, desc: boolean, size: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await store.tasks.query({ ...q, orderBy: [{ field, desc }], offset, limit: size });
    out.push(...ids(page));
    if (page.length < size) return out;
  }
}
const allPages = (q: TaskQuery, desc: boolean, size: number) => pagesBy(LR, q, desc, size);

// Project "big" holds most tasks with lr (ties, text, exponents, a value too large to be a finite number);
// "small" a few; "gaps" has tasks without lr.
const BIG = Array.from({ length: 40 }, (_, i) => {
  const values = ['0.1', '0.01', '1e-3', ' 5 ', 'adam', 'sgd', '10', '9', '0x10', '1e999', '-2', '.5'];
  return { id: `b${String(i).padStart(2, '0')}`, value: values[i % values.length] };
});
const SMALL = [
  { id: 's1', value: '3' },
  { id: 's2', value: 'x' },
  { id: 's3', value: '3' },
];
const GAPS: { id: string; value?: string }[] = [
  { id: 'g1', value: '2' },
  { id: 'g2' },
  { id: 'g3', value: 'zeta' },
  { id: 'g4' },
];

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  for (const [project, list] of [
    ['big', BIG],
    ['small', SMALL],
    ['gaps', GAPS],
  ] as const) {
    for (const t of list)
      await store.tasks.insert(makeTask({ id: t.id, project, hyperparams: t.value === undefined ? {} : lr(t.value) }));
  }
});
afterAll(() => remove?.());

describe('sort by a hyperparameter', () => {
  it('orders a large project page by page, both directions, whatever the page size', async () => {
    const asc = expectedOrder(BIG);
    for (const size of [1, 7, 50]) {
      expect(await allPages({ projects: ['big'] }, false, size)).toEqual(asc);
      expect(await allPages({ projects: ['big'] }, true, size)).toEqual([...asc].reverse());
    }
  });

  it('orders a small project, a project with tasks lacking the parameter, several projects and all tasks alike', async () => {
    expect(await allPages({ projects: ['small'] }, false, 2)).toEqual(expectedOrder(SMALL));
    expect(await allPages({ projects: ['gaps'] }, false, 3)).toEqual(expectedOrder(GAPS));
    expect(await allPages({ projects: ['gaps'] }, true, 3)).toEqual(expectedOrder(GAPS).reverse());
    expect(await allPages({ projects: ['small', 'big'] }, false, 5)).toEqual(expectedOrder([...BIG, ...SMALL]));
    const everything = expectedOrder([...BIG, ...SMALL, ...GAPS]);
    expect(await allPages({}, false, 9)).toEqual(everything);
    expect(await allPages({}, true, 9)).toEqual([...everything].reverse());
  });

  it('applies the other filters on the way (status), and a sort on two keys keeps the parameter first', async () => {
    const done = BIG.filter((_, i) => i % 3 === 0);
    for (const t of done) await store.tasks.update({ ...(await store.tasks.get(t.id))!, status: 'completed' });
    expect(await allPages({ projects: ['big'], statuses: ['completed'] }, false, 4)).toEqual(expectedOrder(done));
    const byLrThenName = await store.tasks.query({
      projects: ['small'],
      orderBy: [
        { field: LR, desc: true },
        { field: 'name', desc: true },
      ],
    });
    expect(ids(byLrThenName)).toEqual(['s3', 's1', 's2']);
    for (const t of done) await store.tasks.update({ ...(await store.tasks.get(t.id))!, status: 'created' });
  });

  it('reads a parameter whose name holds dots', async () => {
    const dotted = (v: string) => ({ Args: { 'opt.lr': { section: 'Args', name: 'opt.lr', value: v } } });
    await store.tasks.insert(makeTask({ id: 'd1', project: 'dots', hyperparams: dotted('20') }));
    await store.tasks.insert(makeTask({ id: 'd2', project: 'dots', hyperparams: dotted('3') }));
    const q = { projects: ['dots'], orderBy: [{ field: 'hyperparams.Args.opt.lr.value', desc: false }] };
    expect(ids(await store.tasks.query(q))).toEqual(['d2', 'd1']);
    expect(
      ids(await store.tasks.query({ ...q, ranges: [{ field: 'hyperparams.Args.opt.lr.value', kind: 'number', gt: 5 }] })),
    ).toEqual(['d1']);
  });
});

describe('range filters on a hyperparameter', () => {
  it('keep tasks whose value is a number within the bounds, sorted or not', async () => {
    const within = (lo: number, hi: number) =>
      BIG.filter(
        (t) => NUMBER.test(t.value) && Number.isFinite(Number(t.value)) && Number(t.value) >= lo && Number(t.value) <= hi,
      );
    const range = { field: LR, kind: 'number' as const, gte: 0.01, lte: 9 };
    const q = { projects: ['big'], ranges: [range] };
    expect(ids(await store.tasks.query(q)).sort()).toEqual(ids(within(0.01, 9)).sort());
    expect(await store.tasks.count(q)).toBe(within(0.01, 9).length);
    const b0 = within(0.01, 9).filter((t) => t.id.startsWith('b0'));
    expect(await store.tasks.count({ ...q, nameRegex: '(?i)^B0' })).toBe(b0.length);
    expect(await store.tasks.count({ ...q, nameRegex: '^B0' })).toBe(0);
    expect(await allPages(q, true, 4)).toEqual(expectedOrder(within(0.01, 9)).reverse());
    const gaps = { projects: ['gaps'], ranges: [{ field: LR, kind: 'number' as const, lt: 100 }] };
    expect(await allPages(gaps, false, 1)).toEqual(['g1']);
  });
});

describe('kept current by every write', () => {
  // A parameter of these tests alone: the project holds every task that has it, so a page walks its index when the counts allow.
  const lr = (value: string) => ({ Kept: { k: { section: 'Kept', name: 'k', value } } });
  const allPages = (q: TaskQuery, desc: boolean, size: number) => pagesBy('hyperparams.Kept.k.value', q, desc, size);
  const LR = 'hyperparams.Kept.k.value';

  it('follows edits, removals, moves between projects and deletes', async () => {
    const get = async (id: string) => (await store.tasks.get(id)) as Task;
    await store.tasks.insert(makeTask({ id: 'w1', project: 'moves', hyperparams: lr('1') }));
    await store.tasks.insert(makeTask({ id: 'w2', project: 'moves', hyperparams: lr('2') }));
    await store.tasks.insert(makeTask({ id: 'w3', project: 'moves', hyperparams: lr('3') }));
    const order = (desc = false) => allPages({ projects: ['moves'] }, desc, 2);
    expect(await order()).toEqual(['w1', 'w2', 'w3']);
    await store.tasks.update({ ...(await get('w1')), hyperparams: lr('30') });
    expect(await order()).toEqual(['w2', 'w3', 'w1']);
    await store.tasks.update({ ...(await get('w2')), hyperparams: lr('text') });
    expect(await order()).toEqual(['w2', 'w3', 'w1']);
    // Losing the parameter: the task sorts as lacking it (first ascending, last descending).
    await store.tasks.update({
      ...(await get('w3')),
      hyperparams: { Other: { x: { section: 'Other', name: 'x', value: '1' } } },
    });
    expect(await order()).toEqual(['w3', 'w2', 'w1']);
    expect(await order(true)).toEqual(['w1', 'w2', 'w3']);
    // A task without it moved in, and one moved out.
    await store.tasks.insert(makeTask({ id: 'w4', project: 'elsewhere' }));
    await store.tasks.update({ ...(await get('w3')), hyperparams: lr('4') });
    expect(await order()).toEqual(['w2', 'w3', 'w1']);
    await store.tasks.update({ ...(await get('w4')), project: 'moves' });
    expect(await order()).toEqual(['w4', 'w2', 'w3', 'w1']);
    await store.tasks.update({ ...(await get('w4')), project: 'elsewhere' });
    await store.tasks.update({ ...(await get('w1')), project: 'elsewhere' });
    expect(await order()).toEqual(['w2', 'w3']);
    await store.tasks.delete('w3');
    expect(await order()).toEqual(['w2']);
    // Counts left by w1 or w3 would say every task here holds lr, and a page would skip w5.
    await store.tasks.insert(makeTask({ id: 'w5', project: 'moves' }));
    expect(await allPages({ projects: ['moves'] }, false, 1)).toEqual(['w5', 'w2']);
    expect(await allPages({ projects: ['elsewhere'] }, false, 1)).toEqual(['w4', 'w1']);
  });

  it('leaves nothing behind from a transaction that fails', async () => {
    await store.tasks.insert(makeTask({ id: 'r1', project: 'rollback' }));
    await expect(
      store.transaction(async (tx) => {
        await tx.tasks.insert(makeTask({ id: 'r2', project: 'rollback', hyperparams: lr('1') }));
        await tx.tasks.update({ ...(await tx.tasks.get('r1'))!, hyperparams: lr('2') });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // Had the rows or counts of r2 and r1 stayed, the lacking r1 would be missed or r2 would show.
    expect(await allPages({ projects: ['rollback'] }, false, 1)).toEqual(['r1']);
    expect(await store.tasks.count({ projects: ['rollback'], ranges: [{ field: LR, kind: 'number', gte: 0 }] })).toBe(0);
  });

  it('refuses a duplicate task without touching the kept rows', async () => {
    await store.tasks.insert(makeTask({ id: 'u1', project: 'dup', hyperparams: lr('5') }));
    await expect(store.tasks.insert(makeTask({ id: 'u1', project: 'dup', hyperparams: lr('6') }))).rejects.toThrow();
    expect(ids(await store.tasks.query({ projects: ['dup'], ranges: [{ field: LR, kind: 'number', gte: 5, lte: 5 }] }))).toEqual([
      'u1',
    ]);
  });
});
