/**
 * The task table sorted by a metric value (last, lowest, highest), on SQLite and (in the postgres
 * project) PostgreSQL, page by page, in projects where every task holds the series and where some
 * lack it. The expected order is computed here from the values: a task without a value (no row, or
 * no such value) below every value, ties by id ascending in either direction.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../../shared/api/records';
import type { Store, TaskQuery } from '../store';
import { makeTask, openTestStore } from './test-store';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const field = (column: string) => `last_metrics.${md5('loss')}.${md5('val')}.${column}`;

let store: Store;
let remove: () => Promise<void>;

interface Spec {
  id: string;
  project: string;
  status: 'completed' | 'failed';
  /** Absent: the task has no row for the series; null: its row has no such value. */
  value?: number | null;
  min?: number | null;
}

/** Values with ties; "full" holds the series in every task, "gaps" not in every third, "few" has three tasks. */
const SPECS: Spec[] = [
  ...Array.from({ length: 60 }, (_, i) => ({
    id: `f${String(i).padStart(2, '0')}`,
    project: 'full',
    status: i % 4 ? ('completed' as const) : ('failed' as const),
    value: i % 7 === 3 ? null : (i * 37) % 11,
    min: (i * 13) % 5,
  })),
  ...Array.from({ length: 45 }, (_, i) => ({
    id: `g${String(i).padStart(2, '0')}`,
    project: 'gaps',
    status: i % 5 ? ('completed' as const) : ('failed' as const),
    ...(i % 3 === 0 ? {} : { value: (i * 29) % 13, min: i % 4 === 1 ? null : (i * 7) % 6 }),
  })),
  { id: 'x1', project: 'few', status: 'completed', value: 2, min: 1 },
  { id: 'x2', project: 'few', status: 'completed' },
  { id: 'x3', project: 'few', status: 'completed', value: 1, min: 1 },
];

function task(s: Spec): Task {
  const event: Record<string, unknown> = { metric: 'loss', variant: 'val', iter: 1, timestamp: 1, count: 1 };
  if (s.value !== undefined && s.value !== null) event.value = s.value;
  if (s.min !== undefined && s.min !== null) event.min_value = s.min;
  const last_metrics = s.value === undefined ? {} : { [md5('loss')]: { [md5('val')]: event } };
  return makeTask({ id: s.id, project: s.project, status: s.status, last_metrics: last_metrics as Task['last_metrics'] });
}

/** The ids of `specs` in the order of `of` (null: no value), ties by id. */
function expected(specs: Spec[], of: (s: Spec) => number | null | undefined, desc: boolean): string[] {
  const rank = (s: Spec) => {
    const v = of(s);
    return v === null || v === undefined ? (desc ? Infinity : -Infinity) : desc ? -v : v;
  };
  return [...specs].sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1)).map((s) => s.id);
}

async function pages(q: TaskQuery, size: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await store.tasks.query({ ...q, offset, limit: size, withMetrics: false });
    out.push(...page.map((t) => t.id));
    if (page.length < size) return out;
  }
}

beforeAll(async () => {
  ({ store, remove } = await openTestStore());
  for (const s of SPECS) await store.tasks.insert(task(s));
});
afterAll(() => remove?.());

const columns = [
  ['value', (s: Spec) => s.value],
  ['min_value', (s: Spec) => s.min],
] as const;

it.each(['full', 'gaps', 'few'])('orders every page of project %s, both directions, last and lowest value', async (project) => {
  const specs = SPECS.filter((s) => s.project === project);
  for (const [column, of] of columns) {
    for (const desc of [false, true]) {
      const want = expected(specs, of, desc);
      for (const size of [1, 4, 7, 50]) {
        expect(await pages({ projects: [project], orderBy: [{ field: field(column), desc }] }, size)).toEqual(want);
      }
    }
  }
});

it('orders with a filter the counts do not see, across projects and without a project', async () => {
  for (const projects of [['full', 'gaps'], undefined]) {
    const specs = SPECS.filter((s) => s.status === 'completed' && (!projects || projects.includes(s.project)));
    for (const desc of [false, true]) {
      const got = await pages({ projects, statuses: ['completed'], orderBy: [{ field: field('value'), desc }] }, 6);
      expect(got).toEqual(expected(specs, (s) => s.value, desc));
    }
  }
});

it('orders within a range on the sorted value and on another value of the series', async () => {
  const inRange = (v: number | null | undefined) => v !== null && v !== undefined && v >= 3 && v <= 8;
  for (const desc of [false, true]) {
    const q = (range: string): TaskQuery => ({
      projects: ['gaps', 'full'],
      ranges: [{ field: field(range), kind: 'number', gte: 3, lte: 8 }],
      orderBy: [{ field: field('value'), desc }],
    });
    const specs = SPECS.filter((s) => s.project !== 'few');
    expect(await pages(q('value'), 5)).toEqual(
      expected(
        specs.filter((s) => inRange(s.value)),
        (s) => s.value,
        desc,
      ),
    );
    expect(await pages(q('min_value'), 5)).toEqual(
      expected(
        specs.filter((s) => inRange(s.min)),
        (s) => s.value,
        desc,
      ),
    );
  }
});
