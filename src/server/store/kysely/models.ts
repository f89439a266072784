import type { Model } from '../../../shared/api/records';
import type { EventProgress, ModelQuery, ModelRepo, TagsWhere } from '../store';
import type { RepoContext } from './context';
import { applyOrder, applyPage, inList, tagConditions } from './filters';
import { tagsInUse, writeTags } from './tags';
import { valuesInUse } from './values-in-use';
import { deleteMetrics, metricValue, readMetrics, writeMetrics, recordEventProgress } from './task-metrics';

const COLUMNS = new Set(['id', 'name', 'project', 'task', 'created', 'last_update', 'ready', 'framework']);

/** What a read selects: the document, and the columns that events move on without rewriting it. */
const READ = ['models.doc', 'models.last_update', 'models.last_iteration'] as const;
type ReadRow = { doc: string; last_update: string; last_iteration: number | null };

function row(m: Model) {
  return {
    id: m.id,
    name: m.name,
    project: m.project,
    task: m.task,
    user: m.user ?? '',
    comment: m.comment ?? '',
    created: m.created,
    last_update: m.last_update,
    last_iteration: m.last_iteration ?? null,
    ready: m.ready ? 1 : 0,
    framework: m.framework,
    tags: JSON.stringify(m.tags ?? []),
    system_tags: JSON.stringify(m.system_tags ?? []),
    // last_metrics lives in model_metrics.
    doc: JSON.stringify({ ...m, last_metrics: undefined }),
  };
}

export class KyselyModelRepo implements ModelRepo {
  constructor(private readonly ctx: RepoContext) {}

  /** Models from their rows: the document with last_update, last_iteration and last_metrics (when it has any) over it. */
  private async assemble(rows: ReadRow[]): Promise<Model[]> {
    const models = rows.map((r) => {
      const m = JSON.parse(r.doc) as Model;
      m.last_update = r.last_update;
      if (r.last_iteration !== null) m.last_iteration = Number(r.last_iteration);
      return m;
    });
    const metrics = await readMetrics(
      this.ctx.db(),
      'model_metrics',
      models.map((m) => m.id),
    );
    for (const m of models) {
      const lm = metrics.get(m.id);
      if (lm) m.last_metrics = lm;
    }
    return models;
  }

  async get(id: string) {
    const q = this.ctx.db().selectFrom('models').select(READ).where('id', '=', id);
    const r = await (this.ctx.lockRows() ? q.forUpdate() : q).executeTakeFirst();
    return r ? (await this.assemble([r]))[0] : null;
  }

  async insert(m: Model) {
    await this.ctx.db().insertInto('models').values(row(m)).execute();
    await writeTags(this.ctx.db(), 'model_tags', m.id, m.tags, m.system_tags, false);
    if (m.last_metrics && Object.keys(m.last_metrics).length)
      await writeMetrics(this.ctx.db(), 'model_metrics', m.id, m.last_metrics);
  }

  // The tag rows follow the row's tag columns: rewritten only when those changed (most updates are a publish, an edit
  // or metadata), as a task's are.
  async update(m: Model) {
    const { id, ...rest } = row(m);
    await this.ctx.atomic(async () => {
      const db = this.ctx.db();
      // Locked on PostgreSQL, so that a concurrent update's tags cannot come between the read and the write.
      const q = db.selectFrom('models').select(['tags', 'system_tags']).where('id', '=', id);
      const before = await (this.ctx.lockRows() ? q.forUpdate() : q).executeTakeFirst();
      if (!before) return;
      await db.updateTable('models').set(rest).where('id', '=', id).execute();
      if (before.tags !== rest.tags || before.system_tags !== rest.system_tags)
        await writeTags(db, 'model_tags', m.id, m.tags, m.system_tags, true);
    });
  }

  async delete(id: string) {
    await this.ctx.db().deleteFrom('model_tags').where('owner', '=', id).execute();
    await deleteMetrics(this.ctx.db(), 'model_metrics', id);
    await this.ctx.db().deleteFrom('models').where('id', '=', id).execute();
  }

  async readiness(ids: string[]) {
    const out = new Map<string, boolean>();
    if (!ids.length) return out;
    let q = this.ctx.db().selectFrom('models').select(['id', 'ready']).where('id', 'in', ids).orderBy('id');
    if (this.ctx.lockRows()) q = q.forUpdate();
    for (const r of await q.execute()) out.set(r.id, !!r.ready);
    return out;
  }

  async recordEvents(progress: EventProgress[]) {
    await recordEventProgress(this.ctx.db(), 'models', 'model_metrics', progress);
  }

  tagsInUse(projects: string[] | undefined, system: boolean, limit: number, where?: TagsWhere) {
    return tagsInUse(this.ctx.db(), 'models', projects, system, limit, where);
  }

  usersInUse(projects: string[] | undefined, limit: number) {
    return valuesInUse(this.ctx.db(), { table: 'models', column: 'user' }, projects, limit);
  }

  async projectsOf(users: string[]) {
    if (!users.length) return [];
    const rows = await this.ctx
      .db()
      .selectFrom('models')
      .select('project')
      .distinct()
      .where('user', 'in', users)
      .where('project', 'is not', null)
      .execute();
    return rows.map((r) => r.project as string);
  }

  async countInProjects(projects: string[]) {
    if (!projects.length) return 0;
    const r = await this.ctx
      .db()
      .selectFrom('models')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where((eb) => inList(eb, 'models.project', projects))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async query(q: ModelQuery) {
    const { flavor } = this.ctx;
    let s = this.ctx
      .db()
      .selectFrom('models')
      .select(READ)
      .where((eb) => {
        const c = [
          ...tagConditions(eb, 'model_tags', 'models.id', 0, q.tags),
          ...tagConditions(eb, 'model_tags', 'models.id', 1, q.systemTags),
        ];
        if (q.ids) c.push(inList(eb, 'models.id', q.ids));
        if (q.afterId !== undefined) c.push(eb('models.id', '>', q.afterId));
        if (q.tasks) c.push(inList(eb, 'models.task', q.tasks));
        if (q.projects) c.push(inList(eb, 'models.project', q.projects));
        if (q.frameworks) c.push(inList(eb, 'models.framework', q.frameworks));
        if (q.users?.length) c.push(inList(eb, 'models.user', q.users));
        if (q.nameRegex !== undefined) c.push(flavor.regexp(eb.ref('models.name'), q.nameRegex));
        if (q.ready !== undefined) c.push(eb('models.ready', '=', q.ready ? 1 : 0));
        if (q.searchText) {
          c.push(
            eb.or([
              flavor.contains(eb.ref('models.name'), q.searchText),
              flavor.contains(eb.ref('models.id'), q.searchText),
              flavor.contains(eb.ref('models.comment'), q.searchText),
            ]),
          );
        }
        return eb.and(c);
      });
    s = applyOrder(s, q.orderBy, COLUMNS, flavor, 'models', (f) => metricValue('model_metrics', 'models.id', f));
    s = applyPage(s, flavor, q.limit, q.offset);
    return this.assemble(q.nameRegex !== undefined ? await this.ctx.scan(s) : await s.execute());
  }
}
