import { type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Task } from '../../../shared/entities';
import type { TaskStatus } from '../../../shared/task-state';
import type { StatusCount, TaskQuery, TaskRepo } from '../store';
import { parseDoc, parseDocs, type RepoContext } from './context';
import { applyOrder, applyPage, inList, tagConditions } from './filters';
import type { Database } from './schema';
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

export class KyselyTaskRepo implements TaskRepo {
  constructor(private readonly ctx: RepoContext) {}

  private locked<Q extends { forUpdate(): Q }>(q: Q): Q {
    return this.ctx.lockRows() ? q.forUpdate() : q;
  }

  async get(id: string) {
    return parseDoc<Task>(
      await this.locked(this.ctx.db().selectFrom('tasks').select('doc').where('id', '=', id)).executeTakeFirst(),
    );
  }

  async getMany(ids: string[]) {
    if (!ids.length) return [];
    return this.query({ ids, includeHidden: true });
  }

  async insert(t: Task) {
    await this.ctx.db().insertInto('tasks').values(row(t)).execute();
    await writeTags(this.ctx.db(), 'task_tags', t.id, t.tags, t.system_tags, false);
  }

  async update(t: Task) {
    const { id, ...rest } = row(t);
    await this.ctx.db().updateTable('tasks').set(rest).where('id', '=', id).execute();
    await writeTags(this.ctx.db(), 'task_tags', t.id, t.tags, t.system_tags, true);
  }

  async delete(id: string) {
    await this.ctx.db().deleteFrom('task_tags').where('owner', '=', id).execute();
    await this.ctx.db().deleteFrom('tasks').where('id', '=', id).execute();
  }

  private where(q: TaskQuery) {
    const { flavor } = this.ctx;
    return (eb: ExpressionBuilder<Database, 'tasks'>) => {
      const c: Expression<SqlBool>[] = [
        ...tagConditions(eb, 'task_tags', 'tasks.id', 0, q.tags),
        ...tagConditions(eb, 'task_tags', 'tasks.id', 1, q.systemTags),
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
      return eb.and(c);
    };
  }

  async query(q: TaskQuery) {
    const { flavor } = this.ctx;
    let s = this.ctx.db().selectFrom('tasks').select('tasks.doc').where(this.where(q));
    s = applyOrder(s, q.orderBy, COLUMNS, flavor, 'tasks');
    s = applyPage(s, flavor, q.limit, q.offset);
    if (q.ids && this.ctx.lockRows()) s = s.forUpdate();
    return parseDocs<Task>(q.nameRegex !== undefined ? await this.ctx.scan(s) : await s.execute());
  }

  async count(q: TaskQuery) {
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
      .select((eb) => ['project', 'status', eb.fn.countAll<number>().as('count'), eb.fn.max('last_update').as('lastUpdate')])
      .where((eb) => {
        const c: Expression<SqlBool>[] = [eb('hidden', '=', 0)];
        if (projectIds) c.push(inList(eb, 'tasks.project', projectIds));
        if (!includeArchived) c.push(eb('archived', '=', 0));
        return eb.and(c);
      })
      .groupBy(['project', 'status'])
      .execute();
    return rows.map((r) => ({ ...r, count: Number(r.count), status: r.status as TaskStatus })) as StatusCount[];
  }
}
