/**
 * PostgreSQL only: tasks looked up by a list of ids read the primary key, never the id search's trigram index
 * (pg_trgm's operator class answers equality too; on a table not yet analyzed the planner read `id IN (50 ids)` off
 * it, 110-130 ms a lookup against under 1 ms), while the id search keeps its trigram index.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { openPostgresStore } from '../postgres';
import type { Store } from '../store';
import { makeTask } from './test-store';

let database: TestDatabase;
let store: Store;
let client: pg.Client;
const IDS = Array.from({ length: 400 }, (_, i) => `${i.toString(16).padStart(4, '0')}${'9c3e5a7b'.repeat(3)}abcd`);
beforeAll(async () => {
  database = await createTestDatabase();
  store = await openPostgresStore(database.url, { poolSize: 2 });
  for (let i = 0; i < IDS.length; i += 100) {
    await Promise.all(IDS.slice(i, i + 100).map((id) => store.tasks.insert(makeTask({ id }))));
  }
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await store?.close();
  await database?.drop();
});

/** The names of the indexes a plan reads. */
async function indexesRead(query: string, params: unknown[] = []): Promise<string[]> {
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, params);
  const names: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Index Name'] === 'string') names.push(node['Index Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
  return names;
}

it('looks a list of ids up on the primary key, on a table not yet analyzed', async () => {
  const some = IDS.filter((_, i) => i % 8 === 0);
  const list = some.map((_, i) => `$${i + 1}`).join(', ');
  const read = await indexesRead(`SELECT id, status FROM tasks WHERE id IN (${list})`, some);
  expect(read.filter((name) => name.includes('trgm'))).toEqual([]);
  const { rows } = await client.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'tasks'`);
  // No trigram index on the bare column, whatever the statistics say later.
  expect(rows.map((r: { indexdef: string }) => r.indexdef).filter((d) => /gin \(id gin_trgm_ops\)/.test(d))).toEqual([]);
  // And the lookup answers what it was asked.
  expect((await store.tasks.getMany(some)).map((t) => t.id).sort()).toEqual(some);
});

it('still finds tasks by a piece of their id, off the trigram index', async () => {
  expect((await store.tasks.query({ searchText: 'A7B9C3', includeHidden: true })).length).toBe(IDS.length);
  expect((await store.tasks.query({ searchText: '000A9C', includeHidden: true })).map((t) => t.id)).toEqual([IDS[10]]);
  // Only a bitmap scan left to the planner (on 400 rows it would rather read the table): it needs an index that serves the search.
  await client.query('SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off');
  expect(await indexesRead(`SELECT id FROM tasks WHERE lower(id) ILIKE '%000a9c%'`)).toContain('tasks_id_lower_trgm');
});
