import { sql, type Kysely } from 'kysely';
import type { ScalarPoint, ScalarSeriesBatch, SeriesAdded } from '../store';
import {
  CHUNK_SIZE,
  GROUP_CHUNKS,
  decode,
  encode,
  freshPoints,
  overwriteInPlace,
  summarize,
  summarizeGroup,
  toPoints,
  type ChunkSummary,
  type FreshPoints,
  type Points,
} from './events-chunks';
import type { EventTables } from './events-schema';
import type { Flavor } from './flavor';

type Db = Kysely<EventTables>;

/** Bound parameters stay far below either database's limit. */
export function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const keyOf = (task: string, metric: string, variant: string) => `${task}\u0000${metric}\u0000${variant}`;

/**
 * Series ids, created when missing. Looked up on every batch (two statements) rather than cached:
 * a cache would keep ids of series whose transaction was rolled back.
 */
async function seriesIds(db: Db, flavor: Flavor, keys: { task: string; metric: string; variant: string }[]) {
  const ids = new Map<string, number>();
  for (const part of slices(keys, 300)) {
    await db
      .insertInto('scalar_series')
      .values(part.map((k) => ({ task: k.task, metric: k.metric, variant: k.variant, count: 0 })))
      .onConflict((oc) => oc.columns(['task', 'metric', 'variant']).doNothing())
      .execute();
    let q = db
      .selectFrom('scalar_series')
      .select(['id', 'task', 'metric', 'variant'])
      .where((eb) =>
        eb.or(part.map((k) => eb.and([eb('task', '=', k.task), eb('metric', '=', k.metric), eb('variant', '=', k.variant)]))),
      )
      .orderBy('id');
    // Concurrent batches of one series on PostgreSQL: the second waits until the first commits.
    if (flavor.name === 'postgres') q = q.forUpdate();
    for (const r of await q.execute()) ids.set(keyOf(r.task, r.metric, r.variant), Number(r.id));
  }
  return ids;
}

interface Loaded {
  summary: ChunkSummary;
  points: Points;
  changed: boolean;
}

/** The stored chunks whose iteration range meets the batch's, and each series' last chunk. */
async function loadChunks(db: Db, wanted: { series: number; lo: number; hi: number }[]) {
  const out = new Map<number, Map<number, Loaded>>();
  const keep = (r: ChunkSummary & { points: Uint8Array }) => {
    const { points, ...summary } = r;
    let m = out.get(r.series);
    if (!m) out.set(r.series, (m = new Map()));
    if (!m.has(r.seq)) m.set(r.seq, { summary, points: toPoints(decode(points, r.count)), changed: false });
  };
  for (const part of slices(wanted, 200)) {
    const overlapping = await db
      .selectFrom('scalar_chunks as c')
      .innerJoin('scalar_points as p', (j) => j.onRef('p.series', '=', 'c.series').onRef('p.seq', '=', 'c.seq'))
      .selectAll('c')
      .select('p.points')
      .where((eb) =>
        eb.or(part.map((w) => eb.and([eb('c.series', '=', w.series), eb('c.hi_iter', '>=', w.lo), eb('c.lo_iter', '<=', w.hi)]))),
      )
      .execute();
    const tails = await db
      .selectFrom('scalar_chunks as c')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('scalar_chunks')
            .select(['series', (e) => e.fn.max('seq').as('seq')])
            .where(
              'series',
              'in',
              part.map((w) => w.series),
            )
            .groupBy('series')
            .as('t'),
        (j) => j.onRef('t.series', '=', 'c.series').onRef('t.seq', '=', 'c.seq'),
      )
      .innerJoin('scalar_points as p', (j) => j.onRef('p.series', '=', 'c.series').onRef('p.seq', '=', 'c.seq'))
      .selectAll('c')
      .select('p.points')
      .execute();
    for (const r of [...overlapping, ...tails]) keep(r as ChunkSummary & { points: Uint8Array });
  }
  return out;
}

/**
 * Appends the fresh points no stored chunk took after a series' last chunk, filling it first. Returns how many
 * were appended, and their values' sum.
 */
function append(series: number, chunks: Map<number, Loaded>, fresh: FreshPoints): { n: number; sum: number } {
  let tail: Loaded | undefined;
  for (const c of chunks.values()) if (!tail || c.summary.seq > tail.summary.seq) tail = c;
  let seq = tail ? tail.summary.seq : 0;
  const open = () => {
    if (tail) seq++;
    tail = { summary: { series, seq } as ChunkSummary, points: { iters: [], times: [], values: [] }, changed: true };
    chunks.set(seq, tail);
    return tail;
  };
  let n = 0;
  let sum = 0;
  let to = tail && tail.points.values.length < CHUNK_SIZE ? tail : undefined;
  for (let i = 0; i < fresh.values.length; i++) {
    if (fresh.taken[i]) continue;
    if (!to || to.points.values.length >= CHUNK_SIZE) to = open();
    to.points.iters.push(fresh.iters[i]);
    to.points.times.push(fresh.times[i]);
    to.points.values.push(fresh.values[i]);
    to.changed = true;
    sum += fresh.values[i];
    n++;
  }
  return { n, sum };
}

/** Points grouped by series (each series once, in order of first appearance), their order kept. */
export function groupBySeries(points: ScalarPoint[]): ScalarSeriesBatch[] {
  const by = new Map<
    string,
    { task: string; metric: string; variant: string; iters: number[]; times: number[]; values: number[] }
  >();
  for (const p of points) {
    const key = keyOf(p.task, p.metric, p.variant);
    let s = by.get(key);
    if (!s) by.set(key, (s = { task: p.task, metric: p.metric, variant: p.variant, iters: [], times: [], values: [] }));
    s.iters.push(p.iter);
    s.times.push(p.timestamp);
    s.values.push(p.value);
  }
  return [...by.values()];
}

const CHUNK_COLUMNS = [
  'count',
  'lo_iter',
  'hi_iter',
  'min_y',
  'min_iter',
  'min_time',
  'max_y',
  'max_iter',
  'max_time',
  'first_iter',
  'first_time',
  'first_y',
  'last_iter',
  'last_time',
  'last_y',
] as const;

const GROUP_COLUMNS = ['count', 'min_y', 'min_iter', 'min_time', 'max_y', 'max_iter', 'max_time'] as const;

const fromExcluded = (columns: readonly string[]) =>
  Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as Record<string, never>;

async function writeChunks(db: Db, written: { summary: ChunkSummary; blob: Buffer }[]) {
  for (const part of slices(written, 100)) {
    await db
      .insertInto('scalar_chunks')
      .values(part.map((w) => w.summary))
      .onConflict((oc) => oc.columns(['series', 'seq']).doUpdateSet(fromExcluded(CHUNK_COLUMNS)))
      .execute();
    await db
      .insertInto('scalar_points')
      .values(part.map((w) => ({ series: w.summary.series, seq: w.summary.seq, points: w.blob })))
      .onConflict((oc) => oc.columns(['series', 'seq']).doUpdateSet(fromExcluded(['points'])))
      .execute();
  }
}

/** Recomputes the second-level groups that hold any of the written chunks. */
async function writeGroups(db: Db, written: ChunkSummary[]) {
  const groups = new Map<string, { series: number; seq: number }>();
  for (const c of written) {
    const seq = Math.floor(c.seq / GROUP_CHUNKS);
    groups.set(`${c.series}:${seq}`, { series: c.series, seq });
  }
  for (const part of slices([...groups.values()], 200)) {
    const rows = await db
      .selectFrom('scalar_chunks')
      .selectAll()
      .where((eb) =>
        eb.or(
          part.map((g) =>
            eb.and([
              eb('series', '=', g.series),
              eb('seq', '>=', g.seq * GROUP_CHUNKS),
              eb('seq', '<', (g.seq + 1) * GROUP_CHUNKS),
            ]),
          ),
        ),
      )
      .orderBy('series')
      .orderBy('seq')
      .execute();
    const by = new Map<string, ChunkSummary[]>();
    for (const r of rows) {
      const k = `${r.series}:${Math.floor(r.seq / GROUP_CHUNKS)}`;
      let list = by.get(k);
      if (!list) by.set(k, (list = []));
      list.push(r);
    }
    const values = part
      .filter((g) => by.has(`${g.series}:${g.seq}`))
      .map((g) => summarizeGroup(g.series, g.seq, by.get(`${g.series}:${g.seq}`)!));
    if (!values.length) continue;
    await db
      .insertInto('scalar_groups')
      .values(values)
      .onConflict((oc) => oc.columns(['series', 'seq']).doUpdateSet(fromExcluded(GROUP_COLUMNS)))
      .execute();
  }
}

/**
 * Stores scalar points, unique by (series, iteration): a point whose iteration the series already
 * holds overwrites it in place (last write wins, as ClearML overwrites the event of the same id),
 * so a batch resent after a timeout changes nothing. New iterations are appended in order of
 * arrival, also when they fall between stored ones. Within one batch the last point of an
 * iteration wins.
 */
export async function writeScalars(db: Db, flavor: Flavor, series: ScalarSeriesBatch[]): Promise<SeriesAdded[]> {
  if (!series.length) return [];
  const ids = await seriesIds(db, flavor, series);
  const wanted = series.map((s) => {
    const fresh = freshPoints(s.iters, s.times, s.values);
    return { series: ids.get(keyOf(s.task, s.metric, s.variant))!, lo: fresh.lo, hi: fresh.hi, fresh };
  });
  const loaded = await loadChunks(db, wanted);
  const written: { summary: ChunkSummary; blob: Buffer }[] = [];
  const counts: { series: number; added: number }[] = [];
  const added: SeriesAdded[] = [];
  for (const [i, w] of wanted.entries()) {
    const chunks = loaded.get(w.series) ?? new Map<number, Loaded>();
    let total = 0;
    for (const c of chunks.values()) {
      const o = overwriteInPlace(c.points, w.fresh);
      if (o.changed) c.changed = true;
      total += o.delta;
    }
    const { n, sum } = append(w.series, chunks, w.fresh);
    if (n) counts.push({ series: w.series, added: n });
    const { task, metric, variant } = series[i];
    added.push({ task, metric, variant, added: n, total: total + sum });
    for (const c of chunks.values()) {
      if (c.changed) written.push({ summary: summarize(w.series, c.summary.seq, c.points), blob: encode(c.points) });
    }
  }
  await writeChunks(db, written);
  await writeGroups(
    db,
    written.map((w) => w.summary),
  );
  for (const c of counts) {
    await db
      .updateTable('scalar_series')
      .set((eb) => ({ count: eb('count', '+', c.added) }))
      .where('id', '=', c.series)
      .execute();
  }
  return added;
}
