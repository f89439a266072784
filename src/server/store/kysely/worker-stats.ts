import { sql } from 'kysely';
import type { StatBucket, StatsQuery, WorkerActivity, WorkerStatRepo, WorkerStatRow } from '../store';
import type { RepoContext } from './context';
import { deleteOldest } from './expiry';

export class KyselyWorkerStatRepo implements WorkerStatRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(rows: WorkerStatRow[]) {
    if (!rows.length) return;
    await this.ctx.db().insertInto('worker_stats').values(rows).execute();
  }

  async buckets(q: StatsQuery): Promise<StatBucket[]> {
    if (!q.metrics.length || q.workers?.length === 0) return [];
    const step = Math.max(1, Math.floor(q.stepMs));
    // Integer division on both databases (BIGINT / BIGINT, INTEGER / INTEGER).
    const bucket = sql<number>`(at / ${sql.lit(step)})`;
    const rows = await this.ctx
      .db()
      .selectFrom('worker_stats')
      .select((eb) => [
        'worker',
        'metric',
        ...(q.byVariant ? (['variant'] as const) : []),
        bucket.as('bucket'),
        eb.fn.avg<number>('value').as('avg'),
        eb.fn.min<number>('value').as('min'),
        eb.fn.max<number>('value').as('max'),
      ])
      .where('metric', 'in', q.metrics)
      .$if(q.workers !== undefined, (s) => s.where('worker', 'in', q.workers!))
      .where('at', '>=', Math.floor(q.fromMs))
      .where('at', '<=', Math.floor(q.toMs))
      .groupBy(['worker', 'metric', ...(q.byVariant ? (['variant'] as const) : []), bucket])
      .orderBy('worker')
      .orderBy('metric')
      .$if(q.byVariant, (s) => s.orderBy('variant'))
      .orderBy(bucket)
      .execute();
    return rows.map((r) => ({
      worker: r.worker,
      metric: r.metric,
      variant: q.byVariant ? (r as { variant: string }).variant : null,
      at: Number(r.bucket) * step,
      avg: Number(r.avg),
      min: Number(r.min),
      max: Number(r.max),
    }));
  }

  async activity(fromMs: number, toMs: number, stepMs: number): Promise<WorkerActivity[]> {
    const step = Math.max(1, Math.floor(stepMs));
    const bucket = sql<number>`(at / ${sql.lit(step)})`;
    const rows = await this.ctx
      .db()
      .selectFrom('worker_stats')
      .select([
        bucket.as('bucket'),
        sql<number>`count(distinct worker)`.as('total'),
        sql<number>`count(distinct case when task is not null then worker end)`.as('active'),
      ])
      .where('at', '>=', Math.floor(fromMs))
      .where('at', '<=', Math.floor(toMs))
      .groupBy(bucket)
      .orderBy(bucket)
      .execute();
    return rows.map((r) => ({ at: Number(r.bucket) * step, total: Number(r.total), active: Number(r.active) }));
  }

  async metrics(candidates: readonly string[], workers?: string[]): Promise<string[]> {
    if (workers?.length === 0 || !candidates.length) return [];
    // One probe of the (metric, worker) index per known metric, rather than a scan of every row.
    const found = await this.ctx
      .db()
      .selectNoFrom((eb) =>
        candidates.map((metric, i) =>
          eb
            .exists(
              eb
                .selectFrom('worker_stats')
                .select(sql`1`.as('one'))
                .where('metric', '=', metric)
                .$if(workers !== undefined, (s) => s.where('worker', 'in', workers!)),
            )
            .as(`m${i}`),
        ),
      )
      .executeTakeFirstOrThrow();
    const row = found as Record<string, unknown>;
    return candidates.filter((_, i) => Number(row[`m${i}`]) > 0 || row[`m${i}`] === true);
  }

  deleteOlder(beforeMs: number, limit: number) {
    return deleteOldest(this.ctx, 'worker_stats', beforeMs, limit);
  }
}
