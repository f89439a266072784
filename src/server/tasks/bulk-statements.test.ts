/**
 * The dashboard's bulk actions over many tasks send a few SQL statements a batch, not several a task: on PostgreSQL
 * each statement is a round trip, and a change of 600 tasks took seconds when every task was read and written
 * alone (5 to 11 statements each).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTask } from '../store/testing/test-store';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let statements = 0;
const N = 150;
const ids = Array.from({ length: N }, (_, i) => `stmt${String(i).padStart(5, '0')}`.padEnd(32, '0'));
const hyperparams = {
  Args: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { section: 'Args', name: `p${i}`, value: String(i) }])),
};

// Every statement this process sends: PostgreSQL's client sends each through `query`, and the SQLite store
// (better-sqlite3 under Kysely) prepares each one it runs.
const pgQuery = pg.Client.prototype.query;
const prepare = Database.prototype.prepare;
beforeAll(async () => {
  srv = await startTestServer();
  const { id: project } = await srv.client.call('projects.create', { name: 'start', description: '' });
  for (let i = 0; i < N; i += 50)
    await Promise.all(
      ids
        .slice(i, i + 50)
        .map((id, k) =>
          srv.store.tasks.insert(
            makeTask({ id, project, status: k % 3 ? 'completed' : 'queued', tags: ['kept'], hyperparams } as never),
          ),
        ),
    );
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pgQuery;
  Database.prototype.prepare = function (this: Database.Database, ...args: Parameters<typeof prepare>) {
    statements++;
    return prepare.apply(this, args);
  } as typeof prepare;
});
afterAll(async () => {
  pg.Client.prototype.query = pgQuery;
  Database.prototype.prepare = prepare;
  await srv?.stop();
});

/** Statements sent while `call` runs. */
async function counted(call: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await call();
  return statements - before;
}

const calls: [string, () => Promise<unknown>][] = [
  ['tasks.update_tags', () => srv.client.call('tasks.update_tags', { ids, add_tags: ['bulk'], remove_tags: ['kept'] })],
  ['tasks.move', () => srv.client.call('tasks.move', { ids, project_name: 'elsewhere' })],
  ['tasks.archive', () => srv.client.call('tasks.archive', { tasks: ids })],
  ['tasks.unarchive', () => srv.client.call('tasks.unarchive', { tasks: ids })],
  ['tasks.archive_many', () => srv.client.call('tasks.archive_many', { ids })],
  ['tasks.unarchive_many', () => srv.client.call('tasks.unarchive_many', { ids })],
  [
    'tasks.update_batch',
    () => srv.client.call('tasks.update_batch', ids.map((task, i) => ({ task, name: `renamed ${i}`, comment: 'bulk' })) as never),
  ],
];

for (const [name, call] of calls) {
  it(`${name} of ${N} tasks sends fewer statements than tasks`, async () => {
    const sent = await counted(call);
    expect(sent, `${sent} statements for ${N} tasks`).toBeLessThan(N);
  });
}

it('left every task changed as asked', async () => {
  const { tasks } = await srv.client.call('tasks.get_all', {
    id: ids,
    only_fields: ['id', 'name', 'tags', 'system_tags', 'project', 'status', 'comment', 'hyperparams'],
    page_size: N,
  } as never);
  const { projects } = await srv.client.call('projects.get_all', { name: '^elsewhere$' } as never);
  expect(tasks).toHaveLength(N);
  for (const t of tasks as unknown as Record<string, unknown>[]) {
    const i = ids.indexOf(t.id as string);
    expect(t).toMatchObject({ name: `renamed ${i}`, comment: 'bulk', tags: ['bulk'], project: projects[0].id, hyperparams });
    expect(t.system_tags).not.toContain('archived');
    // Archiving took the queued ones out of their queue, as Draft.
    expect(t.status).toBe((i % 50) % 3 ? 'completed' : 'created');
  }
});
