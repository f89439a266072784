import type { Listed } from '../../shared/api/results';
import type { Task } from '../../shared/api/records';
import { listed } from '../projection';
import { KEYSET_COLUMNS, type Store, type TaskQuery } from '../store/store';

export interface TaskPageArgs {
  /** The filters and order, without paging. */
  query: TaskQuery;
  page: { offset: number; limit: number; after?: (string | number)[] };
  fields?: string[];
  /** Also count every task the filters match. */
  countTotal: boolean;
}

export interface TaskPage {
  tasks: Listed<Task>[];
  /** The keyset cursor after the last row, when the order allows one. */
  cursor?: (string | number)[];
  total?: number;
}

/** A page of tasks projected to the fields asked for (the reader pool's job for big lists). */
export async function readTaskPage(store: Store, a: TaskPageArgs): Promise<TaskPage> {
  const tasks = await store.tasks.query({ ...a.query, ...a.page });
  const out: TaskPage = {
    tasks: tasks.map((t) => listed({ ...t, runtime: t.runtime ?? {} }, a.fields)),
    cursor: keysetCursor(a.query, tasks.at(-1)),
  };
  if (a.countTotal) out.total = await store.tasks.count(a.query);
  return out;
}

/** The last row's order-key values and id, when every key can be followed by keyset (the store pages by it then). */
function keysetCursor(q: TaskQuery, last: Task | undefined): (string | number)[] | undefined {
  const keys = q.orderBy ?? [];
  if (!last || !keys.every((k) => KEYSET_COLUMNS.has(k.field))) return undefined;
  const values = [...keys.map((k) => last[k.field as keyof Task]), last.id];
  return values.every((v) => typeof v === 'string' || typeof v === 'number') ? (values as (string | number)[]) : undefined;
}
