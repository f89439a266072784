import type { Project } from '../../../shared/api/records';
import type { ProjectQuery, ProjectRepo } from '../store';
import type { RepoContext } from './context';
import { docBy, listDocs } from './doc-reads';
import { inList } from './filters';

const COLUMNS = new Set(['id', 'name', 'created', 'last_update']);

function row(p: Project) {
  return {
    id: p.id,
    name: p.name,
    parent: p.parent ?? null,
    created: p.created,
    last_update: p.last_update,
    system_tags: JSON.stringify(p.system_tags ?? []),
    hidden: p.system_tags?.includes('hidden') ? 1 : 0,
    doc: JSON.stringify(p),
  };
}

export class KyselyProjectRepo implements ProjectRepo {
  constructor(private readonly ctx: RepoContext) {}

  async get(id: string) {
    return docBy<Project>(this.ctx, 'projects', 'id', id);
  }

  async getByName(name: string) {
    return docBy<Project>(this.ctx, 'projects', 'name', name);
  }

  async hold(ids: string[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Set<string>();
    // In name order, as a delete locks a project and then its sub-projects: a parent before its children.
    const q = this.ctx.db().selectFrom('projects').select('id').where('id', 'in', unique).orderBy('name');
    return new Set((await (this.ctx.lockRows() ? q.forKeyShare() : q).execute()).map((r) => r.id));
  }

  async insert(p: Project) {
    await this.ctx.db().insertInto('projects').values(row(p)).execute();
  }

  async update(p: Project) {
    const { id, ...rest } = row(p);
    await this.ctx.db().updateTable('projects').set(rest).where('id', '=', id).execute();
  }

  async delete(id: string) {
    await this.ctx.db().deleteFrom('projects').where('id', '=', id).execute();
  }

  async query(q: ProjectQuery) {
    const { flavor } = this.ctx;
    const s = this.ctx
      .db()
      .selectFrom('projects')
      .select('doc')
      .where((eb) => {
        const c = [];
        if (q.ids) c.push(inList(eb, 'projects.id', q.ids));
        if (q.nameRegex !== undefined) c.push(flavor.regexp(eb.ref('name'), q.nameRegex));
        if (q.parent === null) c.push(eb('parent', 'is', null));
        else if (q.parent !== undefined) c.push(eb('parent', '=', q.parent));
        if (!q.includeHidden) c.push(eb('hidden', '=', 0));
        return eb.and(c);
      });
    const orderBy = q.orderBy?.length ? q.orderBy : [{ field: 'name', desc: false }];
    return listDocs<Project, 'projects'>(this.ctx, s, 'projects', COLUMNS, { ...q, orderBy });
  }
}
