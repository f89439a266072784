import type { ResponseOf } from '../../shared/api/contract';
import type { Listed } from '../../shared/api/results';
import type { Task } from '../../shared/api/records';
import { listed, nextScrollId } from '../projection';
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
  const tasks = await store.tasks.query({ ...a.query, ...a.page, withMetrics: asksForMetrics(a.fields) });
  const out: TaskPage = {
    tasks: tasks.map((t) => listed({ ...t, runtime: t.runtime ?? {} }, a.fields)),
    cursor: keysetCursor(a.query, tasks.at(-1)),
  };
  if (a.countTotal) out.total = await store.tasks.count(a.query);
  return out;
}

/** Whether a projection includes last_metrics (or any part of it); no projection includes everything. */
function asksForMetrics(fields: string[] | undefined): boolean {
  return !fields?.length || fields.some((f) => f === 'last_metrics' || f.startsWith('last_metrics.'));
}

/** The last row's order-key values and id, when every key can be followed by keyset (the store pages by it then). */
function keysetCursor(q: TaskQuery, last: Task | undefined): (string | number)[] | undefined {
  const keys = q.orderBy ?? [];
  if (!last || !keys.every((k) => KEYSET_COLUMNS.has(k.field))) return undefined;
  const values = [...keys.map((k) => last[k.field as keyof Task]), last.id];
  return values.every((v) => typeof v === 'string' || typeof v === 'number') ? (values as (string | number)[]) : undefined;
}

/**
 * tasks.get_all's answer (and get_all_ex's, which joins `project.name` when `projectNames`): a page with its
 * scroll id and total (a reader job for long pages, the CSV export's).
 */
export async function taskList(store: Store, a: { page: TaskPageArgs; scrolling: boolean; projectNames: boolean }) {
  const page = await readTaskPage(store, a.page);
  const out: ResponseOf<'tasks.get_all'> = { tasks: page.tasks };
  if (a.scrolling) out.scroll_id = nextScrollId(a.page.page.offset, page.tasks.length, page.cursor);
  if (page.total !== undefined) out.total = page.total;
  if (a.projectNames) await joinProjects(store, out);
  return out;
}

/** `project.name` in only_fields: each task's project as {id, name}, as get_all_ex does. */
async function joinProjects(store: Store, data: ResponseOf<'tasks.get_all'>) {
  const names = new Map<string, string>();
  for (const t of data.tasks) {
    const ref = t as unknown as Record<string, unknown>;
    if (typeof ref.project === 'string') ref.project = { id: ref.project };
    const pid = (ref.project as { id?: string } | undefined)?.id;
    if (pid && !names.has(pid)) names.set(pid, (await store.projects.get(pid))?.name ?? '');
  }
  for (const t of data.tasks) {
    const ref = t.project as unknown as { id?: string } | undefined;
    if (ref?.id) (t as unknown as Record<string, unknown>).project = { id: ref.id, name: names.get(ref.id) };
  }
}
