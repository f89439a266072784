import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { EventQuery, StoredEvent } from '../store';
import type { EventTables } from './events-schema';
import type { Flavor } from './flavor';
import { slices } from './events-scalars';

type Db = Kysely<EventTables>;

/**
 * Plots, debug images, vectors and the other non-scalar events. ClearML keys such an event by a
 * hash of task, iteration, metric and variant in the index of its type; here (task, type, metric,
 * variant, iter) is unique and a second event with that key overwrites the first (its position,
 * i.e. its place among equal keys when sorting, stays).
 */
export async function writeEvents(db: Db, rows: Omit<StoredEvent, 'pos'>[]) {
  const unique = new Map<string, Omit<StoredEvent, 'pos'>>();
  // One statement may not touch a row twice (PostgreSQL): the batch's last event of a key wins.
  for (const r of rows) unique.set(JSON.stringify([r.task, r.type, r.metric, r.variant, r.iter]), r);
  const values = [...unique.values()].map((r) => ({
    task: r.task,
    type: r.type,
    iter: r.iter,
    metric: r.metric,
    variant: r.variant,
    ts: r.timestamp,
    body: JSON.stringify(r.body),
  }));
  for (const part of slices(values, 500)) {
    await db
      .insertInto('task_events')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['task', 'type', 'metric', 'variant', 'iter'])
          .doUpdateSet({ ts: sql.ref('excluded.ts'), body: sql.ref('excluded.body') }),
      )
      .execute();
  }
}

/** Over this many metric/variant names they go as one bound JSON array rather than a parameter each. */
const INLINE_NAMES = 500;

function metricFilter(flavor: Flavor, metrics: NonNullable<EventQuery['metrics']>) {
  return (eb: ExpressionBuilder<EventTables, 'task_events'>): Expression<SqlBool> => {
    if (metrics.reduce((n, m) => n + 1 + (m.variants?.length ?? 0), 0) > INLINE_NAMES) {
      const json = JSON.stringify(metrics);
      return flavor.name === 'sqlite'
        ? sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${json}) m WHERE m.value ->> '$.metric' = metric AND (m.value -> '$.variants' IS NULL
            OR json_array_length(m.value -> '$.variants') = 0
            OR EXISTS (SELECT 1 FROM json_each(m.value, '$.variants') v WHERE v.value = variant)))`
        : sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(${json}::jsonb) m WHERE m ->> 'metric' = metric
            AND (jsonb_typeof(m -> 'variants') IS DISTINCT FROM 'array' OR jsonb_array_length(m -> 'variants') = 0
            OR jsonb_exists(m -> 'variants', variant)))`;
    }
    return eb.or(
      metrics.map((m) =>
        m.variants?.length ? eb.and([eb('metric', '=', m.metric), eb('variant', 'in', m.variants)]) : eb('metric', '=', m.metric),
      ),
    );
  };
}

export async function queryEvents(db: Db, flavor: Flavor, q: EventQuery): Promise<StoredEvent[]> {
  if (!q.tasks.length) return [];
  let inner = db
    .selectFrom('task_events')
    .select(['pos', 'task', 'type', 'iter', 'metric', 'variant', 'ts as timestamp', 'body'])
    .where('task', 'in', q.tasks)
    .where('type', '=', q.type);
  if (q.metrics?.length) inner = inner.where(metricFilter(flavor, q.metrics));
  if (q.iter !== undefined) inner = inner.where('iter', '=', q.iter);
  if (q.iterBelow !== undefined) inner = inner.where('iter', '<', q.iterBelow);
  if (q.iterAbove !== undefined) inner = inner.where('iter', '>', q.iterAbove);
  let rows: (Omit<StoredEvent, 'body'> & { body: string })[];
  if (q.lastIters !== undefined) {
    const ranked = inner.select(sql<number>`dense_rank() OVER (PARTITION BY task, metric, variant ORDER BY iter DESC)`.as('rnk'));
    let outer = db
      .selectFrom(ranked.as('r'))
      .select(['pos', 'task', 'type', 'iter', 'metric', 'variant', 'timestamp', 'body'])
      .where('rnk', '<=', q.lastIters)
      .orderBy('iter', 'desc')
      .orderBy('metric')
      .orderBy('variant')
      .orderBy('pos', 'desc');
    if (q.limit !== undefined) outer = outer.limit(q.limit);
    rows = await outer.execute();
  } else {
    let ordered = inner.orderBy('iter', 'desc').orderBy('metric').orderBy('variant').orderBy('pos', 'desc');
    if (q.limit !== undefined) ordered = ordered.limit(q.limit);
    rows = await ordered.execute();
  }
  return rows.map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
}

export async function listMetrics(db: Db, tasks: string[], type: string) {
  if (!tasks.length) return [];
  return db
    .selectFrom('task_events')
    .select(['task', 'metric', 'variant'])
    .distinct()
    .where('task', 'in', tasks)
    .where('type', '=', type)
    .orderBy('task')
    .orderBy('metric')
    .orderBy('variant')
    .execute();
}
