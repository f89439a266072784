import { sql } from 'kysely';
import type { QueueSample, QueueSampleRepo } from '../store';
import type { RepoContext } from './context';
import { deleteOldest } from './expiry';

export class KyselyQueueSampleRepo implements QueueSampleRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(samples: QueueSample[]) {
    if (!samples.length) return;
    await this.ctx
      .db()
      .insertInto('queue_samples')
      .values(samples.map((s) => ({ queue: s.queue, at: s.at, length: s.length, avg_wait: s.avgWait })))
      .execute();
  }

  async buckets(queues: string[], fromMs: number, toMs: number, stepMs: number) {
    if (!queues.length) return [];
    const step = Math.max(1, Math.floor(stepMs));
    // Integer division on both databases (BIGINT / BIGINT, INTEGER / INTEGER).
    const bucket = sql<number>`(at / ${sql.lit(step)})`;
    const ranked = this.ctx
      .db()
      .selectFrom('queue_samples')
      .select([
        'queue',
        'length',
        'avg_wait',
        bucket.as('bucket'),
        sql<number>`row_number() over (partition by queue, ${bucket} order by avg_wait desc, length desc)`.as('rank'),
      ])
      .where('queue', 'in', queues)
      .where('at', '>=', Math.floor(fromMs))
      .where('at', '<=', Math.floor(toMs));
    const rows = await this.ctx
      .db()
      .selectFrom(ranked.as('r'))
      .select(['queue', 'length', 'avg_wait', 'bucket'])
      .where('rank', '=', 1)
      .orderBy('queue')
      .orderBy('bucket')
      .execute();
    return rows.map((r) => ({
      queue: r.queue,
      at: Number(r.bucket) * step,
      length: Number(r.length),
      avgWait: Number(r.avg_wait),
    }));
  }

  deleteOlder(beforeMs: number, limit: number) {
    return deleteOldest(this.ctx, 'queue_samples', beforeMs, limit);
  }
}
