/**
 * `last_metrics` of tasks and models as rows (task_metrics, model_metrics): written by targeted
 * upserts as events arrive, read back in ClearML's shape, and used to sort and filter by a metric.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { LastMetrics, LastMetricsEvent } from '../../../shared/api/records';
import type { EventProgress, MetricFold } from '../store';
import type { Database, MetricsTable } from './schema';

export type MetricsTableName = 'task_metrics' | 'model_metrics';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Ids per IN list: far below either database's limit of bound parameters. */
const ID_SLICE = 500;
/** Rows per multi-row upsert (15 values a row). */
const ROW_SLICE = 60;

const NUMERIC = [
  'value',
  'iter',
  'timestamp',
  'min_value',
  'min_value_iteration',
  'max_value',
  'max_value_iteration',
  'first_value',
  'first_value_iteration',
] as const;

function toEvent(r: MetricsTable): LastMetricsEvent {
  const e: Record<string, unknown> = { metric: r.metric, variant: r.variant };
  for (const k of NUMERIC) if (r[k] !== null && r[k] !== undefined) e[k] = Number(r[k]);
  e.count = Number(r.count);
  // The mean of the stored points (clearml-server keeps a running mean rounded to 2 places; this one is not rounded).
  const mean = r.total === null || r.total === undefined || !e.count ? NaN : Number(r.total) / (e.count as number);
  if (Number.isFinite(mean)) e.mean_value = mean;
  return e as unknown as LastMetricsEvent;
}

/** `last_metrics` of each of `ids` that has any. */
export async function readMetrics(
  db: Kysely<Database>,
  table: MetricsTableName,
  ids: string[],
): Promise<Map<string, LastMetrics>> {
  const out = new Map<string, LastMetrics>();
  for (let i = 0; i < ids.length; i += ID_SLICE) {
    const part = ids.slice(i, i + ID_SLICE);
    const rows = await db.selectFrom(table).selectAll().where('owner', 'in', part).execute();
    for (const r of rows) {
      let lm = out.get(r.owner);
      if (!lm) out.set(r.owner, (lm = {}));
      (lm[r.metric_hash] ??= {})[r.variant_hash] = toEvent(r);
    }
  }
  return out;
}

/** Replaces an owner's rows with those of `lm` (a record stored whole: insert, import). */
export async function writeMetrics(db: Kysely<Database>, table: MetricsTableName, owner: string, lm: LastMetrics | undefined) {
  await db.deleteFrom(table).where('owner', '=', owner).execute();
  const rows: MetricsTable[] = [];
  for (const [mh, variants] of Object.entries(lm ?? {})) {
    for (const [vh, e] of Object.entries(variants ?? {})) {
      if (!e || typeof e !== 'object') continue;
      const r: MetricsTable = {
        owner,
        metric_hash: mh,
        variant_hash: vh,
        metric: String(e.metric ?? ''),
        variant: String(e.variant ?? ''),
        value: null,
        iter: null,
        timestamp: null,
        min_value: null,
        min_value_iteration: null,
        max_value: null,
        max_value_iteration: null,
        first_value: null,
        first_value_iteration: null,
        count: typeof e.count === 'number' ? e.count : 0,
        total: null,
      };
      for (const k of NUMERIC) if (typeof e[k] === 'number' && Number.isFinite(e[k])) r[k] = e[k];
      if (typeof e.mean_value === 'number' && Number.isFinite(e.mean_value)) r.total = e.mean_value * r.count;
      rows.push(r);
    }
  }
  for (let i = 0; i < rows.length; i += ROW_SLICE) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROW_SLICE))
      .execute();
  }
}

export async function deleteMetrics(db: Kysely<Database>, table: MetricsTableName, owner: string) {
  await db.deleteFrom(table).where('owner', '=', owner).execute();
}

/**
 * Folds one batch's series summaries into the stored rows, one statement per slice of rows: the
 * last value follows the higher iteration (the later timestamp at the same one), min and max keep
 * the extreme and its iteration, first stays as stored, count grows by the points added and the total by
 * what their values moved it.
 */
export async function upsertMetrics(
  db: Kysely<Database>,
  table: MetricsTableName,
  folds: { owner: string; fold: MetricFold }[],
): Promise<void> {
  const rows: MetricsTable[] = folds.map(({ owner, fold: f }) => ({
    owner,
    metric_hash: md5(f.metric),
    variant_hash: md5(f.variant),
    metric: f.metric,
    variant: f.variant,
    value: f.value,
    iter: f.iter,
    timestamp: f.timestamp,
    min_value: f.min_value,
    min_value_iteration: f.min_value_iteration,
    max_value: f.max_value,
    max_value_iteration: f.max_value_iteration,
    first_value: f.first_value,
    first_value_iteration: f.first_value_iteration,
    count: f.added,
    total: f.total,
  }));
  const cur = (c: keyof MetricsTable) => sql.ref(`${table}.${c}`);
  const ex = (c: keyof MetricsTable) => sql.ref(`excluded.${c}`);
  const newer = sql`(${cur('iter')} IS NULL OR ${ex('iter')} > ${cur('iter')}
    OR (${ex('iter')} = ${cur('iter')} AND (${cur('timestamp')} IS NULL OR ${ex('timestamp')} >= ${cur('timestamp')})))`;
  const lower = sql`(${cur('min_value')} IS NULL OR ${ex('min_value')} < ${cur('min_value')})`;
  const higher = sql`(${cur('max_value')} IS NULL OR ${ex('max_value')} > ${cur('max_value')})`;
  const pick = (when: RawBuilder<unknown>, c: keyof MetricsTable) =>
    sql`CASE WHEN ${when} THEN ${ex(c)} ELSE ${cur(c)} END` as RawBuilder<never>;
  const unset = sql`${cur('first_value')} IS NULL`;
  for (let i = 0; i < rows.length; i += ROW_SLICE) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROW_SLICE))
      .onConflict((oc) =>
        oc.columns(['owner', 'metric_hash', 'variant_hash']).doUpdateSet({
          value: pick(newer, 'value'),
          iter: pick(newer, 'iter'),
          timestamp: pick(newer, 'timestamp'),
          min_value: pick(lower, 'min_value'),
          min_value_iteration: pick(lower, 'min_value_iteration'),
          max_value: pick(higher, 'max_value'),
          max_value_iteration: pick(higher, 'max_value_iteration'),
          first_value: pick(unset, 'first_value'),
          first_value_iteration: pick(unset, 'first_value_iteration'),
          count: sql`${cur('count')} + ${ex('count')}` as RawBuilder<never>,
          // A total unknown (points stored before it was kept) stays unknown: NULL plus anything is NULL.
          total: sql`${cur('total')} + ${ex('total')}` as RawBuilder<never>,
        }),
      )
      .execute();
  }
}

const METRIC_FIELD = /^last_metrics\.([0-9a-f]{32})\.([0-9a-f]{32})\.(value|min_value|max_value)$/;

/** A metric sort or range key: the series and which of its values. */
export interface MetricKey {
  metric_hash: string;
  variant_hash: string;
  column: 'value' | 'min_value' | 'max_value';
}

/** `last_metrics.<md5>.<md5>.value|min_value|max_value` as its key; undefined for any other field. */
export function metricKey(field: string): MetricKey | undefined {
  const m = METRIC_FIELD.exec(field);
  return m ? { metric_hash: m[1], variant_hash: m[2], column: m[3] as MetricKey['column'] } : undefined;
}

/**
 * A sort or range key on a metric as the owner's row's column, looked up on the table's key;
 * undefined for any other field.
 */
export function metricValue(table: MetricsTableName, ownerRef: string, field: string): RawBuilder<number | null> | undefined {
  const k = metricKey(field);
  if (!k) return undefined;
  return sql<number | null>`(SELECT mt.${sql.ref(k.column)} FROM ${sql.table(table)} AS mt
    WHERE mt.owner = ${sql.ref(ownerRef)} AND mt.metric_hash = ${k.metric_hash} AND mt.variant_hash = ${k.variant_hash})`;
}

/**
 * What one batch of events moves on its owners (tasks or models): each owner's last update and largest
 * iteration (targeted column updates, the document untouched), then its metrics' rows.
 */
export async function recordEventProgress(
  db: Kysely<Database>,
  owners: 'tasks' | 'models',
  table: MetricsTableName,
  progress: EventProgress[],
) {
  for (const p of progress) {
    const iter = p.maxIter ?? 0;
    await db
      // One of two tables with the same two columns; typed as one of them.
      .updateTable(owners as 'models')
      .set((eb) => {
        const cur = eb.fn.coalesce('last_iteration', eb.lit(0));
        return { last_update: p.lastUpdate, last_iteration: eb.case().when(cur, '<', iter).then(iter).else(cur).end() };
      })
      .where('id', '=', p.id)
      .execute();
  }
  await upsertMetrics(
    db,
    table,
    progress.flatMap((p) => p.metrics.map((fold) => ({ owner: p.id, fold }))),
  );
}
