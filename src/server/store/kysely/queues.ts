import type { Queue } from '../../../shared/api/records';
import type { QueueRepo } from '../store';
import type { RepoContext } from './context';

/**
 * A queue's record lives in `doc` without its entries; the entries are rows ordered by
 * position, so finding the queues of a task reads an index, not every queue's JSON.
 */
export class KyselyQueueRepo implements QueueRepo {
  constructor(private readonly ctx: RepoContext) {}

  private async withEntries(rows: { id: string; doc: string }[]): Promise<Queue[]> {
    if (!rows.length) return [];
    const entries = await this.ctx
      .db()
      .selectFrom('queue_entries')
      .select(['queue', 'task', 'added'])
      .where(
        'queue',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('queue')
      .orderBy('position')
      .execute();
    const byQueue = new Map<string, Queue['entries']>();
    for (const e of entries) {
      let list = byQueue.get(e.queue);
      if (!list) byQueue.set(e.queue, (list = []));
      list.push({ task: e.task, added: e.added });
    }
    return rows.map((r) => ({ ...(JSON.parse(r.doc) as Queue), entries: byQueue.get(r.id) ?? [] }));
  }

  private select() {
    return this.ctx.db().selectFrom('queues').select(['id', 'doc']);
  }

  /** One queue, locked inside a PostgreSQL transaction so that concurrent pops and pushes take turns. */
  private selectOne() {
    const q = this.select();
    return this.ctx.lockRows() ? q.forUpdate() : q;
  }

  async get(id: string) {
    return (await this.withEntries(await this.selectOne().where('id', '=', id).execute()))[0] ?? null;
  }

  async getByName(name: string) {
    return (await this.withEntries(await this.selectOne().where('name', '=', name).execute()))[0] ?? null;
  }

  async list() {
    return this.withEntries(await this.select().orderBy('created').orderBy('id').execute());
  }

  private async writeEntries(q: Queue) {
    await this.ctx.db().deleteFrom('queue_entries').where('queue', '=', q.id).execute();
    if (q.entries.length) {
      await this.ctx
        .db()
        .insertInto('queue_entries')
        .values(q.entries.map((e, position) => ({ queue: q.id, position, task: e.task, added: e.added })))
        .execute();
    }
  }

  async insert(q: Queue) {
    const { entries: _, ...doc } = q;
    await this.ctx
      .db()
      .insertInto('queues')
      .values({ id: q.id, name: q.name, created: q.created, doc: JSON.stringify(doc) })
      .execute();
    await this.writeEntries(q);
  }

  async update(q: Queue) {
    const { entries: _, ...doc } = q;
    await this.ctx
      .db()
      .updateTable('queues')
      .set({ name: q.name, doc: JSON.stringify(doc) })
      .where('id', '=', q.id)
      .execute();
    await this.writeEntries(q);
  }

  async delete(id: string) {
    await this.ctx.db().deleteFrom('queue_entries').where('queue', '=', id).execute();
    await this.ctx.db().deleteFrom('queue_samples').where('queue', '=', id).execute();
    await this.ctx.db().deleteFrom('queues').where('id', '=', id).execute();
  }

  findByTask(taskId: string) {
    return this.findByTasks([taskId]);
  }

  async findByTasks(taskIds: string[]) {
    if (!taskIds.length) return [];
    const rows = await this.selectOne()
      .where('id', 'in', (eb) => eb.selectFrom('queue_entries').select('queue').where('task', 'in', taskIds))
      .orderBy('created')
      .orderBy('id')
      .execute();
    return this.withEntries(rows);
  }

  async pop(queueId: string, onlyTask?: string) {
    const db = this.ctx.db();
    // A shared lock: pops do not wait on one another, but a write that rewrites the entries
    // (it locks the queue FOR UPDATE) waits for them, and they for it.
    const find = db.selectFrom('queues').select('id').where('id', '=', queueId);
    if (!(await (this.ctx.lockRows() ? find.forShare() : find).executeTakeFirst())) return 'missing' as const;
    let head = db.selectFrom('queue_entries').select('position').where('queue', '=', queueId).orderBy('position').limit(1);
    // The first entry no other pop holds: concurrent pops each take a different one.
    if (this.ctx.lockRows()) head = head.forUpdate().skipLocked();
    let pop = db.deleteFrom('queue_entries').where('queue', '=', queueId).where('position', '=', head);
    if (onlyTask !== undefined) pop = pop.where('task', '=', onlyTask);
    const row = await pop.returning(['task', 'added']).executeTakeFirst();
    return row ? { task: row.task, added: row.added } : null;
  }
}
