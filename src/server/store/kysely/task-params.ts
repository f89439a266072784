/**
 * Hyperparameter values as rows (`task_params`), kept beside each task by the task repository so
 * that a sort or range filter on a parameter reads an index rather than every task's document.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Task } from '../../../shared/api/records';
import type { Database, TaskParamsTable } from './schema';
import { byCodeUnits } from '../../../shared/code-units';

/** Characters of a value kept as its sort key, and the longest section or parameter name kept (index entries stay small). */
export const VALUE_PREFIX = 200;
export const KEY_MAX = 200;

export type ParamRow = TaskParamsTable;

export interface ParamKey {
  section: string;
  name: string;
}

const PREFIX = 'hyperparams.';
const SUFFIX = '.value';

/** A section or name the table keeps (others are sorted and filtered from the document, as before). */
const keptKey = (s: string) => s.length > 0 && s.length <= KEY_MAX && !s.includes('\0');

/** `hyperparams.<section>.<name>.value` (the name may hold dots, the section may not), when the table keeps it. */
export function paramKey(field: string): ParamKey | undefined {
  if (!field.startsWith(PREFIX) || !field.endsWith(SUFFIX)) return undefined;
  const inner = field.slice(PREFIX.length, -SUFFIX.length);
  const dot = inner.indexOf('.');
  if (dot <= 0) return undefined;
  const key = { section: inner.slice(0, dot), name: inner.slice(dot + 1) };
  return keptKey(key.section) && keptKey(key.name) ? key : undefined;
}

/** Decimal notation only (no hex, no Infinity), the same on both databases; unambiguous, so linear to test. */
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The value as a number when it reads as a finite one, else null. */
export function paramNumber(value: string): number | null {
  const t = value.trim();
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function sortText(value: string): string {
  let s = value.length > VALUE_PREFIX ? value.slice(0, VALUE_PREFIX) : value;
  // Never end on half a surrogate pair; PostgreSQL text holds no NUL.
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  return s.includes('\0') ? s.replace(/\0/g, '\uFFFD') : s;
}

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The rows a task's hyperparameters make (a parameter without a value has none: it sorts as missing). */
export function paramRows(task: Pick<Task, 'id'> & { hyperparams?: unknown }): ParamRow[] {
  const out: ParamRow[] = [];
  const h = task.hyperparams;
  if (!h || typeof h !== 'object') return out;
  for (const [section, params] of Object.entries(h as Record<string, unknown>)) {
    if (!keptKey(section) || !params || typeof params !== 'object') continue;
    for (const [name, item] of Object.entries(params as Record<string, unknown>)) {
      if (!keptKey(name) || !item || typeof item !== 'object') continue;
      const value = asText((item as { value?: unknown }).value);
      if (value === undefined) continue;
      out.push({ task: task.id, section, name, value: sortText(value), num: paramNumber(value) });
    }
  }
  return out;
}

const BATCH = 500;
/** Removed or changed rows above this many: the task's rows are rewritten whole instead of one statement each. */
const REWRITE_ABOVE = 20;
const keyOf = (r: ParamKey) => `${r.section}\0${r.name}`;
/** Row keys a delete names (three parameters each). */
const KEYS_A_STATEMENT = 300;

/** A task's parameter rows to bring in line: `before` is its project before the write (undefined: a new task), `after` the task as written (undefined: deleted). */
export interface ParamSync {
  id: string;
  before: { project: string | null } | undefined;
  after: (Pick<Task, 'id' | 'project'> & { hyperparams?: unknown }) | undefined;
}

/** Brings one task's rows and the per-project counts in line with the task (see syncParamsMany). */
export function syncParams(
  db: Kysely<Database>,
  id: string,
  before: ParamSync['before'],
  after: ParamSync['after'],
): Promise<void> {
  return syncParamsMany(db, [{ id, before, after }]);
}

/**
 * Brings the parameter rows of several tasks (each once) and the per-project counts in line with them. Only what
 * changed is written, and in statements for the whole set (one read of the old rows, one delete, inserts of
 * BATCH rows), so a status change of 50 tasks costs one indexed read and a task of many changed parameters a
 * few statements, not one per parameter (an edit of 50,000 held the event loop for seconds on SQLite).
 */
export async function syncParamsMany(db: Kysely<Database>, items: ParamSync[]): Promise<void> {
  const known = items.filter((i) => i.before).map((i) => i.id);
  const oldOf = new Map<string, ParamRow[]>();
  for (let i = 0; i < known.length; i += BATCH) {
    const rows = await db
      .selectFrom('task_params')
      .select(['task', 'section', 'name', 'value', 'num'])
      .where('task', 'in', known.slice(i, i + BATCH))
      .execute();
    for (const r of rows) {
      const list = oldOf.get(r.task);
      if (list) list.push(r);
      else oldOf.set(r.task, [r]);
    }
  }

  const whole: string[] = [];
  const gone: ParamRow[] = [];
  const added: ParamRow[] = [];
  const deltas = new Map<string, { section: string; name: string; project: string; n: number }>();
  const count = (rows: ParamKey[], project: string, by: number) => {
    for (const r of rows) {
      const k = `${keyOf(r)}\0${project}`;
      const d = deltas.get(k) ?? { section: r.section, name: r.name, project, n: 0 };
      d.n += by;
      deltas.set(k, d);
    }
  };
  for (const { id, before, after } of items) {
    const old = oldOf.get(id) ?? [];
    const next = after ? paramRows(after) : [];
    const oldBy = new Map(old.map((r) => [keyOf(r), r]));
    const nextBy = new Map(next.map((r) => [keyOf(r), r]));
    const fresh = next.filter((r) => !oldBy.has(keyOf(r)));
    const removed = old.filter((r) => !nextBy.has(keyOf(r)));
    const changed = next.filter((r) => {
      const o = oldBy.get(keyOf(r));
      return o !== undefined && (o.value !== r.value || (o.num === null ? null : Number(o.num)) !== r.num);
    });
    // Many rows differ (or the task went): its rows go by task id and come back whole.
    if (!after || removed.length + changed.length > REWRITE_ABOVE) {
      if (old.length) whole.push(id);
      added.push(...next);
    } else {
      gone.push(...removed, ...changed);
      added.push(...fresh, ...changed);
    }
    const from = before?.project ?? '';
    const to = after?.project ?? '';
    if (before !== undefined && after !== undefined && from !== to) {
      count(old, from, -1);
      count(next, to, 1);
    } else {
      count(removed, from, -1);
      count(fresh, to, 1);
    }
  }

  if (whole.length) await db.deleteFrom('task_params').where('task', 'in', whole).execute();
  for (let i = 0; i < gone.length; i += KEYS_A_STATEMENT) {
    const keys = gone.slice(i, i + KEYS_A_STATEMENT).map((r) => sql`(${r.task}, ${r.section}, ${r.name})`);
    // A list of row values on the right of IN is written as VALUES: SQLite takes no other form.
    await db
      .deleteFrom('task_params')
      .where(sql<boolean>`(task, section, name) IN (VALUES ${sql.join(keys)})`)
      .execute();
  }
  for (let i = 0; i < added.length; i += BATCH)
    await db
      .insertInto('task_params')
      .values(added.slice(i, i + BATCH))
      .execute();
  await addParamCounts(db, [...deltas.values()]);
}

/**
 * Takes the parameter rows of the tasks `ids` out with their share of the per-project counts (syncParams for a
 * deleted task, a batch of tasks at once). Runs before the tasks' own rows go: it reads their projects.
 */
export async function deleteParams(db: Kysely<Database>, ids: string[]): Promise<void> {
  const gone = await db
    .selectFrom('task_params')
    .innerJoin('tasks', 'tasks.id', 'task_params.task')
    .select(['task_params.section', 'task_params.name', 'tasks.project', (eb) => eb.fn.countAll<number>().as('n')])
    .where('task_params.task', 'in', ids)
    .groupBy(['task_params.section', 'task_params.name', 'tasks.project'])
    .execute();
  await db.deleteFrom('task_params').where('task', 'in', ids).execute();
  await addParamCounts(
    db,
    gone.map((r) => ({ section: r.section, name: r.name, project: r.project ?? '', n: -Number(r.n) })),
  );
}

/** Adds each row's `n` to its (section, name, project) count. */
async function addParamCounts(db: Kysely<Database>, deltas: { section: string; name: string; project: string; n: number }[]) {
  const sortKey = (d: { section: string; name: string; project: string }) => `${keyOf(d)}\0${d.project}`;
  // In key order, so concurrent writers on PostgreSQL take the count rows' locks in one order.
  const rows = deltas.filter((d) => d.n !== 0).sort(byCodeUnits(sortKey));
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto('task_param_counts')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .columns(['section', 'name', 'project'])
          .doUpdateSet((eb) => ({ n: eb('task_param_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
}

/**
 * `tasks.id` has the parameter with a numeric value within every `op` bound (a task without it matches none). A seek on the row's
 * key for each task tested: with `num` free to use an index, SQLite walked (section, name, num) over every row in
 * range for every task (27k tasks: a page filtered on one range took 30-42 s of the event loop). The unary plus keeps
 * `num` a plain value on both databases.
 */
export function paramBound(
  eb: ExpressionBuilder<Database, 'tasks'>,
  key: ParamKey,
  bounds: [op: '>=' | '<=' | '>' | '<', bound: number][],
): Expression<SqlBool> {
  // Every bound in one test of the row: one seek a task, not one a bound.
  let row = eb
    .selectFrom('task_params as r')
    .select(sql`1`.as('one'))
    .whereRef('r.task', '=', 'tasks.id')
    .where('r.section', '=', key.section)
    .where('r.name', '=', key.name);
  for (const [op, bound] of bounds) row = row.where(sql<number>`+${sql.ref('r.num')}`, op, bound);
  return eb.exists(row);
}

/**
 * Tasks whose parameter holds one of `values` (as kept: a value's first VALUE_PREFIX characters), or lacks it when
 * `missing` says so: an index seek on the (task, section, name) key for each task tested.
 */
export function paramIn(
  eb: ExpressionBuilder<Database, 'tasks'>,
  key: ParamKey,
  values: string[],
  missing: boolean,
): Expression<SqlBool> {
  const held = (withValues: boolean) =>
    eb.exists(
      eb
        .selectFrom('task_params as r')
        .select(sql`1`.as('one'))
        .whereRef('r.task', '=', 'tasks.id')
        .where('r.section', '=', key.section)
        .where('r.name', '=', key.name)
        .$if(withValues, (s) => s.where('r.value', 'in', values.map(sortText))),
    );
  const parts: Expression<SqlBool>[] = [];
  if (values.length) parts.push(held(true));
  if (missing) parts.push(eb.not(held(false)));
  return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
}

/** The distinct values one parameter takes among the tasks of `projects` (all: undefined), a page in order, with their total. */
export async function paramValuesInUse(
  db: Kysely<Database>,
  regexp: (column: Expression<string>, pattern: string) => Expression<SqlBool>,
  key: ParamKey,
  projects: string[] | undefined,
  page: { offset: number; limit: number },
  pattern?: string,
): Promise<{ values: string[]; total: number }> {
  if (projects?.length === 0) return { values: [], total: 0 };
  const base = db
    .selectFrom('task_params as p')
    .where('p.section', '=', key.section)
    .where('p.name', '=', key.name)
    .$if(projects !== undefined, (s) => s.innerJoin('tasks', 'tasks.id', 'p.task').where('tasks.project', 'in', projects!))
    .$if(pattern !== undefined, (s) => s.where((eb) => regexp(eb.ref('p.value'), pattern!)));
  const distinct = base.select('p.value').distinct();
  const [rows, count] = await Promise.all([
    distinct.orderBy('p.value').offset(page.offset).limit(page.limit).execute(),
    db
      .selectFrom(distinct.as('d'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { values: rows.map((r) => r.value), total: Number(count.n) };
}
