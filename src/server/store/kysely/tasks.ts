import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { Task } from '../../../shared/api/records';
import type { TaskStatus } from '../../../shared/task-state';
import {
  KEYSET_COLUMNS,
  type EventProgress,
  type SortKey,
  type StatusCount,
  type TagFilter,
  type TagsWhere,
  type TaskQuery,
  type TaskRepo,
} from '../store';
import type { RepoContext } from './context';
import { applyOrder, applyPage, inList, tagConditions } from './filters';
import type { Database } from './schema';
import type { Flavor } from './flavor';
import { deleteParams, paramBound, paramIn, paramKey, paramValuesInUse, syncParams, syncParamsMany } from './task-params';
import { countInParamRange, queryByParams, sortsByParam } from './task-params-order';
import { tagsInUse, writeTags, writeTagsMany } from './tags';
import { valuesInUse } from './values-in-use';
import { READ_COLUMNS as READ, type ReadRow } from './task-read';
import { deleteMetrics, metricValue, readMetrics, writeMetrics, recordEventProgress } from './task-metrics';
import { metricSeries, paramNames } from './task-columns';
import { queryByMetricIndex } from './task-metrics-order';
import { compareCodeUnits } from '../../../shared/code-units';

const metricOf = (field: string) => metricValue('task_metrics', 'tasks.id', field);

const COLUMNS = new Set([
  'id',
  'name',
  'project',
  'type',
  'status',
  'user',
  'parent',
  'comment',
  'created',
  'started',
  'completed',
  'last_update',
  'last_iteration',
]);

function row(t: Task) {
  return {
    id: t.id,
    name: t.name,
    project: t.project,
    type: t.type,
    status: t.status,
    user: t.user,
    parent: t.parent,
    comment: t.comment ?? '',
    created: t.created,
    started: t.started ?? null,
    completed: t.completed ?? null,
    last_update: t.last_update,
    last_iteration: t.last_iteration ?? 0,
    tags: JSON.stringify(t.tags ?? []),
    system_tags: JSON.stringify(t.system_tags ?? []),
    hidden: t.system_tags?.includes('hidden') ? 1 : 0,
    archived: t.system_tags?.includes('archived') ? 1 : 0,
    // last_metrics lives in task_metrics; the document keeps the rarely changed fields.
    doc: JSON.stringify({ ...t, last_metrics: undefined }),
  };
}

/** The columns an update writes (all but the id). */
const WRITTEN = [
  'name',
  'project',
  'type',
  'status',
  'user',
  'parent',
  'comment',
  'created',
  'started',
  'completed',
  'last_update',
  'last_iteration',
  'tags',
  'system_tags',
  'hidden',
  'archived',
  'doc',
] as const;
/** Numbers among them: VALUES hands PostgreSQL every parameter as text, which these columns take only cast. */
const CAST: Partial<Record<(typeof WRITTEN)[number], string>> = {
  last_iteration: 'BIGINT',
  hidden: 'INTEGER',
  archived: 'INTEGER',
};
/** Tasks a statement writes or reads at most (an update binds 18 values a task). */
const ROWS_A_STATEMENT = 50;

/** Writes the rows of existing tasks in one statement (an UPDATE joined to the new rows as VALUES, on both databases). */
async function writeRows(db: Kysely<Database>, rows: ReturnType<typeof row>[]) {
  const values = rows.map((r) => sql`(${sql.join([r.id, ...WRITTEN.map((c) => r[c])])})`);
  const set = WRITTEN.map((c) => {
    const from = CAST[c] ? sql`CAST(${sql.ref(`v.${c}`)} AS ${sql.raw(CAST[c]!)})` : sql.ref(`v.${c}`);
    return sql`${sql.ref(c)} = ${from}`;
  });
  await sql`WITH v (${sql.join(['id', ...WRITTEN].map((c) => sql.ref(c)))}) AS (VALUES ${sql.join(values)})
    UPDATE tasks SET ${sql.join(set)} FROM v WHERE tasks.id = v.id`.execute(db);
}

/**
 * System tags kept as columns too (`archived`, `hidden`): a filter on them reads the column,
 * which the table's count index covers, instead of the tag table once per row.
 */
function splitFlagTags(f: TagFilter | undefined): { columns: ['tasks.archived' | 'tasks.hidden', number][]; rest?: TagFilter } {
  if (!f) return { columns: [] };
  const flag = (t: string) => t === 'archived' || t === 'hidden';
  const col = (t: string) => (t === 'archived' ? 'tasks.archived' : 'tasks.hidden') as 'tasks.archived' | 'tasks.hidden';
  const columns: ['tasks.archived' | 'tasks.hidden', number][] = [
    ...(f.all ?? []).filter(flag).map((t) => [col(t), 1] as ['tasks.archived' | 'tasks.hidden', number]),
    ...(f.none ?? []).filter(flag).map((t) => [col(t), 0] as ['tasks.archived' | 'tasks.hidden', number]),
  ];
  const rest: TagFilter = {
    all: f.all?.filter((t) => !flag(t)),
    any: f.any,
    none: f.none?.filter((t) => !flag(t)),
    list: f.list,
  };
  return { columns, rest };
}

const RANGE_OPS = [
  ['gte', '>='],
  ['lte', '<='],
  ['gt', '>'],
  ['lt', '<'],
] as const;

type CountKey = { project: string | null; status: string; hidden: number; archived: number; user: string };
type Counted = CountKey & { started: string | null; completed: string | null; last_update: string };
/** What a task adds to its task_counts group. */
type CountAdd = { n: number; runtime: number; open_n: number; open_started: number };
const COUNTED = ['project', 'status', 'hidden', 'archived', 'user', 'started', 'completed', 'last_update'] as const;
const sameCountKey = (a: CountKey, b: CountKey) =>
  a.project === b.project && a.status === b.status && a.hidden === b.hidden && a.archived === b.archived && a.user === b.user;

/**
 * A task's share of its group's compute time (start to end): seconds if it ended, else (running, so
 * up to now) its start time in epoch seconds. The same rule as the migration's backfill.
 */
function runtimeShare(r: Counted): { runtime: number; open: number; started: number } {
  const started = r.started ? Date.parse(r.started) / 1000 : NaN;
  if (Number.isNaN(started)) return { runtime: 0, open: 0, started: 0 };
  if (r.completed === null && r.status === 'in_progress') return { runtime: 0, open: 1, started };
  const end = Date.parse(r.completed ?? r.last_update) / 1000;
  return { runtime: Number.isNaN(end) ? 0 : Math.max(0, end - started), open: 0, started: 0 };
}
const sameShare = (a: Counted, b: Counted) => {
  const x = runtimeShare(a);
  const y = runtimeShare(b);
  return x.runtime === y.runtime && x.open === y.open && x.started === y.started;
};

/**
 * Sort fields worked out per task: the run time (ClearML's `active_duration`, which the web app sorts
 * "Run time" by; it changes with the clock while a task runs, so no index can hold it) and the project's name.
 */
const computedSorts = (flavor: Flavor): Readonly<Record<string, Expression<unknown>>> => ({
  active_duration: flavor.taskRuntime(),
  'project.name': sql<string | null>`(SELECT projects.name FROM projects WHERE projects.id = tasks.project)`,
});

/** Rows after the cursor in the order of `keys`: (k1, k2, ...) past (v1, v2, ...), each key in its direction. */
function after(eb: ExpressionBuilder<Database, 'tasks'>, keys: SortKey[], values: (string | number)[]): Expression<SqlBool> {
  const ref = (k: SortKey) => eb.ref(`tasks.${k.field}` as 'tasks.id');
  // The bound on the first key alone is implied by the rest; it lets an index on that key start the scan at the cursor.
  const first = eb(ref(keys[0]), keys[0].desc ? '<=' : '>=', values[0] as string);
  const past = eb.or(
    keys.map((k, i) =>
      eb.and([
        ...keys.slice(0, i).map((p, j) => eb(ref(p), '=', values[j] as string)),
        eb(ref(k), k.desc ? '<' : '>', values[i] as string),
      ]),
    ),
  );
  return eb.and([first, past]);
}

/** A task_counts group's key as one string, to order lock taking. */
function countKey(r: Counted): string {
  return JSON.stringify([r.project ?? '', r.status, r.hidden, r.archived, r.user]);
}

export class KyselyTaskRepo implements TaskRepo {
  constructor(private readonly ctx: RepoContext) {}

  /** Tasks from their rows: the document with the event-driven columns and (when asked) last_metrics over it. */
  private async assemble(rows: ReadRow[], withMetrics = true): Promise<Task[]> {
    const tasks = rows.map((r) => {
      const t = JSON.parse(r.doc) as Task;
      t.last_update = r.last_update;
      t.last_iteration = Number(r.last_iteration);
      return t;
    });
    const metrics = withMetrics
      ? await readMetrics(
          this.ctx.db(),
          'task_metrics',
          tasks.map((t) => t.id),
        )
      : undefined;
    for (const t of tasks) t.last_metrics = metrics?.get(t.id) ?? {};
    return tasks;
  }

  async get(id: string) {
    const q = this.ctx.db().selectFrom('tasks').select(READ).where('id', '=', id);
    const r = await (this.ctx.lockRows() ? q.forUpdate() : q).executeTakeFirst();
    return r ? (await this.assemble([r]))[0] : null;
  }

  async getMany(ids: string[], opts: { withMetrics?: boolean } = {}) {
    if (!ids.length) return [];
    return this.query({ ids, includeHidden: true, withMetrics: opts.withMetrics });
  }

  /** Adds `by` tasks like `r` to its group's totals. */
  private addCount(r: Counted, by: number) {
    const share = runtimeShare(r);
    return this.addCounts(r, { n: by, runtime: by * share.runtime, open_n: by * share.open, open_started: by * share.started });
  }

  /** Adds to the totals of `r`'s group (one atomic statement, so concurrent writers add up). */
  private async addCounts(r: CountKey, add: CountAdd) {
    const key = { project: r.project ?? '', status: r.status, hidden: r.hidden, archived: r.archived, user: r.user };
    await this.ctx
      .db()
      .insertInto('task_counts')
      .values({ ...key, ...add })
      .onConflict((oc) =>
        oc.columns(['project', 'status', 'hidden', 'archived', 'user']).doUpdateSet((eb) => ({
          n: eb('task_counts.n', '+', add.n),
          runtime: eb('task_counts.runtime', '+', add.runtime),
          open_n: eb('task_counts.open_n', '+', add.open_n),
          open_started: eb('task_counts.open_started', '+', add.open_started),
        })),
      )
      .execute();
  }

  // Each write keeps the task's tags, counts and parameter rows with it, in one transaction.
  async insert(t: Task) {
    await this.ctx.atomic(async () => {
      const r = row(t);
      await this.ctx.db().insertInto('tasks').values(r).execute();
      await this.addCount(r, 1);
      await writeTags(this.ctx.db(), 'task_tags', t.id, t.tags, t.system_tags, false);
      if (t.last_metrics && Object.keys(t.last_metrics).length)
        await writeMetrics(this.ctx.db(), 'task_metrics', t.id, t.last_metrics);
      await syncParams(this.ctx.db(), t.id, undefined, t);
    });
  }

  update(t: Task) {
    return this.updateMany([t]);
  }

  // A statement per table for the whole set (as deleteMany), each task's tags, counts and parameter rows with it:
  // a bulk change of 50 tasks makes a handful of round trips to PostgreSQL rather than five or more a task.
  async updateMany(list: Task[]) {
    // A task named twice is written as its last.
    const tasks = new Map(list.map((t) => [t.id, t]));
    if (!tasks.size) return;
    await this.ctx.atomic(async () => {
      const db = this.ctx.db();
      const rows = [...tasks.values()].map(row);
      const before = new Map<string, Counted & { tags: string; system_tags: string }>();
      // Read and, inside a PostgreSQL transaction, locked in id order: two writers of overlapping sets wait for one
      // another instead of each locking some rows of the other's set first (a deadlock).
      const ids = [...tasks.keys()].sort(compareCodeUnits);
      for (let i = 0; i < ids.length; i += ROWS_A_STATEMENT) {
        let q = db
          .selectFrom('tasks')
          .select(['id', ...COUNTED, 'tags', 'system_tags'])
          .where('id', 'in', ids.slice(i, i + ROWS_A_STATEMENT))
          .orderBy('id');
        if (this.ctx.lockRows()) q = q.forUpdate();
        for (const { id, ...r } of await q.execute()) before.set(id, r);
      }
      // A task that is not there stays not there.
      const found = rows.filter((r) => before.has(r.id));
      for (let i = 0; i < found.length; i += ROWS_A_STATEMENT) await writeRows(db, found.slice(i, i + ROWS_A_STATEMENT));
      const moves: [Counted, number][] = [];
      for (const r of found) {
        const b = before.get(r.id)!;
        if (!sameCountKey(b, r) || !sameShare(b, r)) moves.push([b, -1], [r, 1]);
      }
      await this.addFolded(moves);
      // The tag rows follow the row's tag columns: rewritten only when those changed (most writes are a status or
      // progress, and two statements a write were a third of an update's round trips on PostgreSQL).
      const retagged = found.filter((r) => {
        const b = before.get(r.id)!;
        return b.tags !== r.tags || b.system_tags !== r.system_tags;
      });
      await writeTagsMany(
        db,
        'task_tags',
        retagged.map((r) => ({ owner: r.id, tags: tasks.get(r.id)!.tags, systemTags: tasks.get(r.id)!.system_tags })),
        true,
      );
      await syncParamsMany(
        db,
        found.map((r) => ({ id: r.id, before: before.get(r.id), after: tasks.get(r.id) })),
      );
    });
  }

  delete(id: string) {
    return this.deleteMany([id]);
  }

  // A statement per table for the whole batch, and one count update per group the tasks were in.
  async deleteMany(ids: string[]) {
    if (!ids.length) return;
    await this.ctx.atomic(async () => {
      const db = this.ctx.db();
      const before = await db.selectFrom('tasks').select(COUNTED).where('id', 'in', ids).execute();
      await db.deleteFrom('task_tags').where('owner', 'in', ids).execute();
      await db.deleteFrom('task_metrics').where('owner', 'in', ids).execute();
      await deleteParams(db, ids);
      await db.deleteFrom('tasks').where('id', 'in', ids).execute();
      await this.addFolded(before.map((r) => [r, -1]));
    });
  }

  /**
   * Adds each task (`by` of them) to its group's totals, summed per group: one statement a group whose totals
   * change, in key order, so that two transactions moving tasks between the same groups in opposite directions take
   * the count rows' locks in the same order (else they deadlock on PostgreSQL).
   */
  private async addFolded(moves: [Counted, number][]) {
    const groups = new Map<string, { key: CountKey; add: CountAdd }>();
    for (const [r, by] of moves) {
      const g = groups.get(countKey(r)) ?? { key: r, add: { n: 0, runtime: 0, open_n: 0, open_started: 0 } };
      const share = runtimeShare(r);
      g.add.n += by;
      g.add.runtime += by * share.runtime;
      g.add.open_n += by * share.open;
      g.add.open_started += by * share.started;
      groups.set(countKey(r), g);
    }
    for (const k of [...groups.keys()].sort(compareCodeUnits)) {
      const { key, add } = groups.get(k)!;
      if (add.n || add.runtime || add.open_n || add.open_started) await this.addCounts(key, add);
    }
  }

  async statuses(ids: string[]) {
    const out = new Map<string, TaskStatus>();
    if (!ids.length) return out;
    // In id order, so that concurrent batches over the same tasks lock them in the same order.
    let q = this.ctx.db().selectFrom('tasks').select(['id', 'status']).where('id', 'in', ids).orderBy('id');
    if (this.ctx.lockRows()) q = q.forUpdate();
    for (const r of await q.execute()) out.set(r.id, r.status as TaskStatus);
    return out;
  }

  async recordEvents(progress: EventProgress[]) {
    await recordEventProgress(this.ctx.db(), 'tasks', 'task_metrics', progress);
  }

  async clearMetrics(id: string) {
    await deleteMetrics(this.ctx.db(), 'task_metrics', id);
  }

  private where(q: TaskQuery) {
    const { flavor } = this.ctx;
    return (eb: ExpressionBuilder<Database, 'tasks'>) => {
      const { columns, rest } = splitFlagTags(q.systemTags);
      const c: Expression<SqlBool>[] = [
        ...tagConditions(eb, 'task_tags', 'tasks.id', 0, q.tags),
        ...tagConditions(eb, 'task_tags', 'tasks.id', 1, rest),
        ...columns.map(([column, value]) => eb(column, '=', value)),
      ];
      if (q.ids) c.push(inList(eb, 'tasks.id', q.ids));
      if (q.projects) c.push(inList(eb, 'tasks.project', q.projects));
      if (q.statuses) c.push(inList(eb, 'tasks.status', q.statuses));
      if (q.types) c.push(inList(eb, 'tasks.type', q.types));
      if (q.users) c.push(inList(eb, 'tasks.user', q.users));
      if (q.parents) c.push(inList(eb, 'tasks.parent', q.parents));
      if (!q.includeHidden) c.push(eb('tasks.hidden', '=', 0));
      if (q.nameRegex !== undefined) c.push(flavor.regexp(eb.ref('tasks.name'), q.nameRegex));
      if (q.searchText) {
        c.push(
          eb.or([
            flavor.contains(eb.ref('tasks.name'), q.searchText),
            // lower(id): PostgreSQL's trigram index is on it, so that `id IN (…)` is never planned on that index.
            flavor.contains(sql<string>`lower(${eb.ref('tasks.id')})`, q.searchText),
            flavor.contains(eb.ref('tasks.comment'), q.searchText),
          ]),
        );
      }
      if (q.lastUpdateBefore) c.push(eb('tasks.last_update', '<', q.lastUpdateBefore));
      // Range filters: a column compared as stored, a hyperparameter or a metric from its rows, anything else read from the document as a number.
      for (const r of q.ranges ?? []) {
        const param = paramKey(r.field);
        if (param) {
          c.push(
            paramBound(
              eb,
              param,
              RANGE_OPS.filter(([key]) => r[key] !== undefined).map(([key, op]) => [op, Number(r[key])]),
            ),
          );
          continue;
        }
        const value = COLUMNS.has(r.field)
          ? eb.ref(`tasks.${r.field}` as 'tasks.id')
          : (metricOf(r.field) ?? flavor.num(flavor.jsonText(eb.ref('tasks.doc'), r.field.split('.'))));
        for (const [key, op] of RANGE_OPS) {
          const bound = r[key];
          if (bound !== undefined) c.push(eb(value, op, bound as string));
        }
      }
      for (const f of q.paramValues ?? []) c.push(paramIn(eb, f, f.values, f.missing));
      return eb.and(c);
    };
  }

  async query(q: TaskQuery & { withMetrics?: boolean }) {
    const { flavor } = this.ctx;
    let s = this.ctx.db().selectFrom('tasks').select(READ).where(this.where(q));
    const keys = [...(q.orderBy ?? []), { field: 'id', desc: false }];
    const keyset = q.after?.length === keys.length && keys.every((k) => KEYSET_COLUMNS.has(k.field));
    const computed = computedSorts(flavor);
    const special = (f: string) => (Object.hasOwn(computed, f) ? computed[f] : metricOf(f));
    if (!keyset) {
      const byMetric = await queryByMetricIndex(this.ctx, q, (qq) => this.where(qq));
      if (byMetric) return this.assemble(byMetric, q.withMetrics !== false);
    }
    if (!keyset && sortsByParam(q.orderBy))
      return this.assemble(await queryByParams(this.ctx, q, (qq) => this.where(qq), COLUMNS, special), q.withMetrics !== false);
    if (keyset) s = s.where((eb) => after(eb, keys, q.after!));
    s = applyOrder(s, q.orderBy, COLUMNS, flavor, 'tasks', special);
    s = applyPage(s, flavor, q.limit, keyset ? 0 : q.offset);
    if (q.ids && this.ctx.lockRows()) s = s.forUpdate();
    return this.assemble(q.nameRegex !== undefined ? await this.ctx.scan(s) : await s.execute(), q.withMetrics !== false);
  }

  /** The count kept in task_counts when the query asks only for projects, statuses, users and the flags. */
  private async countFromTotals(q: TaskQuery): Promise<number | undefined> {
    const { columns, rest } = splitFlagTags(q.systemTags);
    const others: (keyof TaskQuery)[] = [
      'ids',
      'types',
      'parents',
      'tags',
      'nameRegex',
      'searchText',
      'lastUpdateBefore',
      'after',
      'ranges',
      'paramValues',
    ];
    if (others.some((k) => q[k] !== undefined) || rest?.all?.length || rest?.any?.length || rest?.none?.length || rest?.list)
      return undefined;
    const r = await this.ctx
      .db()
      .selectFrom('task_counts')
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where((eb) => {
        const c: Expression<SqlBool>[] = [];
        if (q.projects) c.push(inList(eb, 'task_counts.project', q.projects));
        if (q.statuses) c.push(inList(eb, 'task_counts.status', q.statuses));
        if (q.users) c.push(inList(eb, 'task_counts.user', q.users));
        if (!q.includeHidden) c.push(eb('task_counts.hidden', '=', 0));
        for (const [column, value] of columns)
          c.push(eb(column === 'tasks.hidden' ? 'task_counts.hidden' : 'task_counts.archived', '=', value));
        return eb.and(c);
      })
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async count(q: TaskQuery) {
    const total = (await this.countFromTotals(q)) ?? (await countInParamRange(this.ctx, q, (qq) => this.where(qq)));
    if (total !== undefined) return total;
    const s = this.ctx
      .db()
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(this.where(q));
    const rows = q.nameRegex !== undefined ? await this.ctx.scan(s) : await s.execute();
    return Number(rows[0].n);
  }

  paramNames(projects: string[] | undefined, page: { offset: number; limit: number }) {
    return paramNames(this.ctx.db(), projects, page);
  }

  metricSeries(projects: string[] | undefined, limit: number) {
    return metricSeries(this.ctx.db(), projects, limit);
  }

  async parentsInUse(projects: string[] | undefined, archived: boolean | undefined, limit: number) {
    if (projects?.length === 0) return [];
    const rows = await this.ctx
      .db()
      .selectFrom('tasks')
      .select('parent')
      .distinct()
      .where('parent', 'is not', null)
      .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
      .$if(archived !== undefined, (s) => s.where('archived', '=', archived ? 1 : 0))
      .limit(limit)
      .execute();
    return rows.map((r) => r.parent!);
  }

  tagsInUse(projects: string[] | undefined, system: boolean, limit: number, where?: TagsWhere) {
    return tagsInUse(this.ctx.db(), 'tasks', projects, system, limit, where);
  }

  paramValues(
    key: { section: string; name: string },
    projects: string[] | undefined,
    page: { offset: number; limit: number },
    pattern?: string,
  ) {
    return paramValuesInUse(this.ctx.db(), (col, p) => this.ctx.flavor.regexp(col, p), key, projects, page, pattern);
  }

  valuesInUse(column: 'type' | 'user', projects: string[] | undefined, limit: number) {
    return valuesInUse(this.ctx.db(), { table: 'tasks', column }, projects, limit);
  }

  /**
   * Read from the kept totals (a row per project, status, flags and user), each group's last update from the
   * end of its stretch of the (project, hidden, archived, status, user, last_update) index: the cost grows
   * with the number of groups, not of tasks, with `users` (only their tasks) or without.
   */
  async completedSince(since: string, users?: string[]) {
    const rows = await this.ctx
      .db()
      .selectFrom('tasks')
      .select((eb) => ['tasks.project', 'tasks.archived', eb.fn.countAll<number>().as('n')])
      .where((eb) => {
        const c: Expression<SqlBool>[] = [
          eb('tasks.last_update', '>=', since),
          eb('tasks.completed', '>', since),
          eb('tasks.hidden', '=', 0),
          eb('tasks.status', 'not in', ['queued', 'in_progress', 'failed']),
        ];
        if (users) c.push(inList(eb, 'tasks.user', users));
        return eb.and(c);
      })
      .groupBy(['tasks.project', 'tasks.archived'])
      .execute();
    return rows.map((r) => ({ project: r.project ?? '', archived: !!Number(r.archived), count: Number(r.n) }));
  }

  async countByProjectAndStatus(projectIds?: string[], includeArchived = false, users?: string[]) {
    const rows = await this.ctx
      .db()
      .selectFrom('task_counts as c')
      .select((eb) => {
        const group = eb
          .selectFrom('tasks')
          .whereRef('tasks.project', '=', 'c.project')
          .whereRef('tasks.hidden', '=', 'c.hidden')
          .whereRef('tasks.archived', '=', 'c.archived')
          .whereRef('tasks.status', '=', 'c.status');
        const last = group.whereRef('tasks.user', '=', 'c.user').select((e) => e.fn.max('tasks.last_update').as('m'));
        return [
          'c.project',
          'c.status',
          eb.fn.sum<number>('c.n').as('count'),
          eb.fn.sum<number>('c.runtime').as('runtime'),
          eb.fn.sum<number>('c.open_n').as('openN'),
          eb.fn.sum<number>('c.open_started').as('openStarted'),
          eb.fn.max(last).as('lastUpdate'),
        ];
      })
      .where((eb) => {
        const c: Expression<SqlBool>[] = [eb('c.hidden', '=', 0), eb('c.n', '>', 0)];
        if (projectIds) c.push(inList(eb, 'c.project', projectIds));
        if (users) c.push(inList(eb, 'c.user', users));
        if (!includeArchived) c.push(eb('c.archived', '=', 0));
        return eb.and(c);
      })
      .groupBy(['c.project', 'c.status'])
      .execute();
    const now = Date.now() / 1000;
    return rows.map((r) => ({
      project: r.project,
      status: r.status as TaskStatus,
      count: Number(r.count),
      lastUpdate: r.lastUpdate as string,
      runtime: Number(r.runtime ?? 0) + Math.max(0, Number(r.openN ?? 0) * now - Number(r.openStarted ?? 0)),
    })) as StatusCount[];
  }
}
