import { type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Task } from '../../../shared/api/records';
import type { TaskStatus } from '../../../shared/task-state';
import { KEYSET_COLUMNS, type SortKey, type StatusCount, type TagFilter, type TaskQuery, type TaskRepo } from '../store';
import { parseDocs, type RepoContext } from './context';
import { docBy } from './doc-reads';
import { applyOrder, applyPage, inList, tagConditions } from './filters';
import type { Database } from './schema';
import { paramBound, paramKey, syncParams } from './task-params';
import { countInParamRange, queryByParams, sortsByParam } from './task-params-order';
import { writeTags } from './tags';

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
    doc: JSON.stringify(t),
  };
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
  };
  return { columns, rest };
}

const RANGE_OPS = [
  ['gte', '>='],
  ['lte', '<='],
  ['gt', '>'],
  ['lt', '<'],
] as const;

type CountKey = { project: string | null; status: string; hidden: number; archived: number };
const sameCountKey = (a: CountKey, b: CountKey) =>
  a.project === b.project && a.status === b.status && a.hidden === b.hidden && a.archived === b.archived;

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

export class KyselyTaskRepo implements TaskRepo {
  constructor(private readonly ctx: RepoContext) {}

  async get(id: string) {
    return docBy<Task>(this.ctx, 'tasks', 'id', id);
  }

  async getMany(ids: string[]) {
    if (!ids.length) return [];
    return this.query({ ids, includeHidden: true });
  }

  /** Adds `by` to the count of tasks like `r` (one atomic statement, so concurrent writers add up). */
  private async addCount(r: CountKey, by: number) {
    const key = { project: r.project ?? '', status: r.status, hidden: r.hidden, archived: r.archived };
    await this.ctx
      .db()
      .insertInto('task_counts')
      .values({ ...key, n: by })
      .onConflict((oc) =>
        oc.columns(['project', 'status', 'hidden', 'archived']).doUpdateSet((eb) => ({ n: eb('task_counts.n', '+', by) })),
      )
      .execute();
  }

  private counted(id: string) {
    return this.ctx
      .db()
      .selectFrom('tasks')
      .select(['project', 'status', 'hidden', 'archived'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // Each write keeps the task's tags, counts and parameter rows with it, in one transaction.
  async insert(t: Task) {
    await this.ctx.atomic(async () => {
      const r = row(t);
      await this.ctx.db().insertInto('tasks').values(r).execute();
      await this.addCount(r, 1);
      await writeTags(this.ctx.db(), 'task_tags', t.id, t.tags, t.system_tags, false);
      await syncParams(this.ctx.db(), t.id, undefined, t);
    });
  }

  async update(t: Task) {
    await this.ctx.atomic(async () => {
      const { id, ...rest } = row(t);
      const before = await this.counted(id);
      await this.ctx.db().updateTable('tasks').set(rest).where('id', '=', id).execute();
      if (before && !sameCountKey(before, rest)) {
        await this.addCount(before, -1);
        await this.addCount(rest, 1);
      }
      await writeTags(this.ctx.db(), 'task_tags', t.id, t.tags, t.system_tags, true);
      if (before) await syncParams(this.ctx.db(), id, before, t);
    });
  }

  async delete(id: string) {
    await this.ctx.atomic(async () => {
      const before = await this.counted(id);
      await this.ctx.db().deleteFrom('task_tags').where('owner', '=', id).execute();
      await this.ctx.db().deleteFrom('tasks').where('id', '=', id).execute();
      if (before) {
        await this.addCount(before, -1);
        await syncParams(this.ctx.db(), id, before, undefined);
      }
    });
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
            flavor.contains(eb.ref('tasks.id'), q.searchText),
            flavor.contains(eb.ref('tasks.comment'), q.searchText),
          ]),
        );
      }
      if (q.lastUpdateBefore) c.push(eb('tasks.last_update', '<', q.lastUpdateBefore));
      // Range filters: a column compared as stored, a hyperparameter from its rows, anything else read from the document as a number.
      for (const r of q.ranges ?? []) {
        const param = paramKey(r.field);
        if (param) {
          for (const [key, op] of RANGE_OPS) if (r[key] !== undefined) c.push(paramBound(eb, param, op, Number(r[key])));
          continue;
        }
        const value = COLUMNS.has(r.field)
          ? eb.ref(`tasks.${r.field}` as 'tasks.id')
          : flavor.num(flavor.jsonText(eb.ref('tasks.doc'), r.field.split('.')));
        for (const [key, op] of RANGE_OPS) {
          const bound = r[key];
          if (bound !== undefined) c.push(eb(value, op, bound as string));
        }
      }
      return eb.and(c);
    };
  }

  async query(q: TaskQuery) {
    const { flavor } = this.ctx;
    let s = this.ctx.db().selectFrom('tasks').select('tasks.doc').where(this.where(q));
    const keys = [...(q.orderBy ?? []), { field: 'id', desc: false }];
    const keyset = q.after?.length === keys.length && keys.every((k) => KEYSET_COLUMNS.has(k.field));
    if (!keyset && sortsByParam(q.orderBy))
      return parseDocs<Task>(await queryByParams(this.ctx, q, (qq) => this.where(qq), COLUMNS));
    if (keyset) s = s.where((eb) => after(eb, keys, q.after!));
    s = applyOrder(s, q.orderBy, COLUMNS, flavor, 'tasks');
    s = applyPage(s, flavor, q.limit, keyset ? 0 : q.offset);
    if (q.ids && this.ctx.lockRows()) s = s.forUpdate();
    return parseDocs<Task>(q.nameRegex !== undefined ? await this.ctx.scan(s) : await s.execute());
  }

  /** The count kept in task_counts when the query asks only for projects, statuses and the flags. */
  private async countFromTotals(q: TaskQuery): Promise<number | undefined> {
    const { columns, rest } = splitFlagTags(q.systemTags);
    const others: (keyof TaskQuery)[] = [
      'ids',
      'types',
      'users',
      'parents',
      'tags',
      'nameRegex',
      'searchText',
      'lastUpdateBefore',
      'after',
      'ranges',
    ];
    if (others.some((k) => q[k] !== undefined) || rest?.all?.length || rest?.any?.length || rest?.none?.length) return undefined;
    const r = await this.ctx
      .db()
      .selectFrom('task_counts')
      .select((eb) => eb.fn.sum<number>('n').as('n'))
      .where((eb) => {
        const c: Expression<SqlBool>[] = [];
        if (q.projects) c.push(inList(eb, 'task_counts.project', q.projects));
        if (q.statuses) c.push(inList(eb, 'task_counts.status', q.statuses));
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

  async countByProjectAndStatus(projectIds?: string[], includeArchived = false) {
    const rows = await this.ctx
      .db()
      .selectFrom('tasks')
      .select((eb) => [
        'project',
        'status',
        eb.fn.countAll<number>().as('count'),
        eb.fn.max('last_update').as('lastUpdate'),
        this.ctx.flavor.runtimeSeconds().as('runtime'),
      ])
      .where((eb) => {
        const c: Expression<SqlBool>[] = [eb('hidden', '=', 0)];
        if (projectIds) c.push(inList(eb, 'tasks.project', projectIds));
        if (!includeArchived) c.push(eb('archived', '=', 0));
        return eb.and(c);
      })
      .groupBy(['project', 'status'])
      .execute();
    return rows.map((r) => ({
      ...r,
      count: Number(r.count),
      runtime: Number(r.runtime ?? 0),
      status: r.status as TaskStatus,
    })) as StatusCount[];
  }
}
