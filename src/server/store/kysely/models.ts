import type { Model } from '../../../shared/api/records';
import type { ModelQuery, ModelRepo } from '../store';
import type { RepoContext } from './context';
import { docBy, listDocs } from './doc-reads';
import { inList, tagConditions } from './filters';
import { writeTags } from './tags';

const COLUMNS = new Set(['id', 'name', 'project', 'task', 'created', 'last_update', 'ready', 'framework']);

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
    ready: m.ready ? 1 : 0,
    framework: m.framework,
    tags: JSON.stringify(m.tags ?? []),
    system_tags: JSON.stringify(m.system_tags ?? []),
    doc: JSON.stringify(m),
  };
}

export class KyselyModelRepo implements ModelRepo {
  constructor(private readonly ctx: RepoContext) {}

  async get(id: string) {
    return docBy<Model>(this.ctx, 'models', 'id', id);
  }

  async insert(m: Model) {
    await this.ctx.db().insertInto('models').values(row(m)).execute();
    await writeTags(this.ctx.db(), 'model_tags', m.id, m.tags, m.system_tags, false);
  }

  async update(m: Model) {
    const { id, ...rest } = row(m);
    await this.ctx.db().updateTable('models').set(rest).where('id', '=', id).execute();
    await writeTags(this.ctx.db(), 'model_tags', m.id, m.tags, m.system_tags, true);
  }

  async delete(id: string) {
    await this.ctx.db().deleteFrom('model_tags').where('owner', '=', id).execute();
    await this.ctx.db().deleteFrom('models').where('id', '=', id).execute();
  }

  async query(q: ModelQuery) {
    const { flavor } = this.ctx;
    const s = this.ctx
      .db()
      .selectFrom('models')
      .select('doc')
      .where((eb) => {
        const c = [
          ...tagConditions(eb, 'model_tags', 'models.id', 0, q.tags),
          ...tagConditions(eb, 'model_tags', 'models.id', 1, q.systemTags),
        ];
        if (q.ids) c.push(inList(eb, 'models.id', q.ids));
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
    return listDocs<Model, 'models'>(this.ctx, s, 'models', COLUMNS, q);
  }
}
