import type { WorkerEntry, WorkerRepo } from '../store';
import type { RepoContext } from './context';

export class KyselyWorkerRepo implements WorkerRepo {
  constructor(private readonly ctx: RepoContext) {}

  async put(w: WorkerEntry) {
    const row = { id: w.id, expires: w.lastActivity + w.timeoutSec * 1000, doc: JSON.stringify(w) };
    await this.ctx
      .db()
      .insertInto('workers')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ expires: row.expires, doc: row.doc }))
      .execute();
  }

  async get(id: string, now: number) {
    const r = await this.ctx
      .db()
      .selectFrom('workers')
      .select('doc')
      .where('id', '=', id)
      .where('expires', '>=', now)
      .executeTakeFirst();
    return r ? (JSON.parse(r.doc) as WorkerEntry) : null;
  }

  async delete(id: string) {
    const r = await this.ctx.db().deleteFrom('workers').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listAlive(now: number) {
    await this.ctx.db().deleteFrom('workers').where('expires', '<', now).execute();
    const rows = await this.ctx.db().selectFrom('workers').select('doc').orderBy('id').execute();
    return rows.map((r) => JSON.parse(r.doc) as WorkerEntry);
  }
}
