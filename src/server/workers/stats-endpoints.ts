import type { ValidRequestOf } from '../../shared/api/contract';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { offloadAnswer } from '../readers/offload';
import { statRows, STATS_KEEP_MS } from './stats';

/** A report's time: the agent's own (epoch ms) when it is plausible, else the server's. */
function reportTime(timestamp: number, now: number): number {
  return timestamp >= now - STATS_KEEP_MS && timestamp <= now + 60_000 ? Math.floor(timestamp) : now;
}

/**
 * Stores the machine statistics of a workers.status_report, at most once a worker every 10 s (this server's
 * count): what workers.get_stats and get_activity_report read.
 */
export async function recordStats(ctx: RequestContext, req: ValidRequestOf<'workers.status_report'>): Promise<void> {
  const stats = req.machine_stats;
  if (!stats || !Object.keys(stats).length) return;
  const now = Date.now();
  if (!ctx.runtime.statsThrottle.take(req.worker, now)) return;
  await ctx.store.workerStats.add(statRows(req.worker, reportTime(req.timestamp, now), req.task ?? null, stats));
}

function range(req: { from_date: number; to_date: number; interval: number }) {
  if (req.from_date >= req.to_date) throw errors.validation('from_date must be less than to_date');
  return { fromSec: req.from_date, toSec: req.to_date, intervalSec: req.interval };
}

const workerIds = (ids: string[] | undefined) => (ids?.length ? ids : undefined);

export const workerStatsEndpoints = [
  endpoint('workers.get_metric_keys', async (req, ctx) => offloadAnswer(ctx, 'workerMetricKeys', workerIds(req.worker_ids)), {
    access: 'read',
  }),
  endpoint(
    'workers.get_stats',
    async (req, ctx) =>
      offloadAnswer(ctx, 'workerStats', {
        ...range(req),
        workers: workerIds(req.worker_ids),
        items: req.items.map((i) => ({ key: i.key, aggregation: i.aggregation ?? i.category ?? 'avg' })),
        byVariant: !!req.split_by_variant,
      }),
    { access: 'read' },
  ),
  endpoint('workers.get_activity_report', async (req, ctx) => offloadAnswer(ctx, 'workerActivity', range(req)), {
    access: 'read',
  }),
];
