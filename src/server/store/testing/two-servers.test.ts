/**
 * Two server processes on one PostgreSQL database serve the same data: a worker registered
 * through one is listed by the other, a queued task is handed out once to agents polling both,
 * the watchdog of only one of them aborts a silent task, queue samples, uploaded files (one
 * shared files folder) and live changes taken by one reach the other.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiCallError, ApiClient } from '../../../client';
import { waitFor } from '../../../testing/wait-for';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { rawRequest } from '../../testing/replay';
import { startSourceServer, type SourceServer } from '../../testing/source-server';

const KEY = { accessKey: 'TWOSERVERSKEY0000001', secretKey: 'two-servers-test-secret-key-000000000000' };

type ServerProcess = SourceServer & { client: ApiClient };

const BASIC = `Basic ${Buffer.from(`${KEY.accessKey}:${KEY.secretKey}`).toString('base64')}`;

let database: TestDatabase;
let filesDir: string;
const servers: SourceServer[] = [];

async function startServerProcess(url: string): Promise<ServerProcess> {
  const env = {
    TASKDECK_DATABASE_URL: url,
    TASKDECK_NON_RESPONSIVE_THRESHOLD_SEC: '1',
    TASKDECK_WATCH_INTERVAL_SEC: '0.2',
    TASKDECK_FILES_DIR: filesDir,
  };
  const s = await startSourceServer('taskdeck-two-', KEY, env, (started) => servers.push(started));
  return Object.assign(s, { client: new ApiClient({ baseUrl: s.url, ...KEY }) });
}

/** The queue lengths stored in the shared database for `queue`. */
async function storedLengths(queue: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ length: number }>('SELECT length FROM queue_samples WHERE queue = $1', [queue]);
    return rows.map((r) => r.length);
  } finally {
    await c.end();
  }
}

let a: ServerProcess;
let b: ServerProcess;
beforeAll(async () => {
  database = await createTestDatabase();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-two-files-'));
  // One after the other: the first start creates the admin and the key pair, the second finds them.
  a = await startServerProcess(database.url);
  b = await startServerProcess(database.url);
}, 120_000);
afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
  await database?.drop();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

it('lists a worker registered through the other server', async () => {
  await a.client.call('workers.register', { worker: 'box:0', queues: [] });
  const { workers } = await b.client.call('workers.get_all', {});
  expect(workers.map((w) => w.id)).toEqual(['box:0']);
  await b.client.call('workers.unregister', { worker: 'box:0' });
  expect((await a.client.call('workers.get_all', {})).workers).toEqual([]);
});

it('hands a queued task to exactly one of many agents polling both servers', async () => {
  const { id } = await a.client.call('tasks.create', { name: 'once', type: 'training' });
  await a.client.call('tasks.enqueue', { task: id });
  const { queues } = await b.client.call('queues.get_all', {});
  const queue = queues.find((q) => q.name === 'default')!.id;
  const polls = Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).client.call('queues.get_next_task', { queue }));
  const got = (await Promise.all(polls)).filter((r) => r.entry).map((r) => r.entry!.task);
  expect(got).toEqual([id]);
});

it("runs one server's watchdog at a time: a silent task is aborted once", async () => {
  const { id } = await b.client.call('tasks.create', { name: 'silent', type: 'training' });
  await b.client.call('tasks.started', { task: id });
  await waitFor(async () => (await a.client.call('tasks.get_by_id', { task: id })).task.status === 'stopped', {
    message: 'the watchdog to abort the silent task',
    timeoutMs: 30_000,
  });
  const aborts = (s: ServerProcess) =>
    s.lines().filter((l) => Array.isArray(l.tasks) && (l.tasks as string[]).includes(id)).length;
  // Rounds of both watchdogs after the first abort: a second silent task is aborted too.
  const { id: later } = await a.client.call('tasks.create', { name: 'later', type: 'training' });
  await a.client.call('tasks.started', { task: later });
  await waitFor(async () => (await b.client.call('tasks.get_by_id', { task: later })).task.status === 'stopped', {
    message: 'the watchdog to abort the second silent task',
    timeoutMs: 30_000,
  });
  expect(aborts(a) + aborts(b)).toBe(1);
});

it('hands each of 50 queued tasks to exactly one of 8 agents polling two servers, losing none', async () => {
  const { id: queue } = await a.client.call('queues.create', { name: 'fifty' });
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const via = i % 2 ? a : b;
    const { id } = await via.client.call('tasks.create', { name: `t${i}`, type: 'training' });
    await via.client.call('tasks.enqueue', { task: id, queue });
    ids.push(id);
  }
  expect((await b.client.call('queues.get_num_entries', { queue })).num).toBe(50);
  // Each agent polls until the queue has nothing left for it.
  const agent = async (via: ServerProcess) => {
    const got: string[] = [];
    for (;;) {
      const r = await via.client.call('queues.get_next_task', { queue });
      if (!r.entry) return got;
      got.push(r.entry.task);
    }
  };
  const perAgent = await Promise.all(Array.from({ length: 8 }, (_, i) => agent(i % 2 ? a : b)));
  const popped = perAgent.flat();
  expect(popped.length).toBe(50);
  expect([...popped].sort()).toEqual([...ids].sort());
  // Both servers saw agents at work, and each agent got its tasks in queue order.
  expect(perAgent.filter((g) => g.length > 0).length).toBeGreaterThan(1);
  for (const g of perAgent) expect(g).toEqual([...g].sort((x, y) => ids.indexOf(x) - ids.indexOf(y)));
  expect((await a.client.call('queues.get_num_entries', { queue })).num).toBe(0);
  expect((await b.client.call('queues.get_num_entries', { queue })).num).toBe(0);
});

it('answers get_queue_metrics with the samples the other server took', async () => {
  const { id: queue } = await a.client.call('queues.create', { name: 'sampled' });
  const from = Math.floor(Date.now() / 1000) - 1;
  for (let i = 0; i < 3; i++) {
    const { id } = await a.client.call('tasks.create', { name: `s${i}`, type: 'training' });
    await a.client.call('queues.add_task', { queue, task: id });
  }
  // A stores the first change of a queue at once and the end of a burst a second later; if A's 30 s sampler stored the
  // new queue just before the adds, the adds are such a burst, which the clear would end at length 0. So the clear
  // waits until A has stored a length above 0 (at load 20 the sampler once fell in that window).
  await waitFor(async () => (await storedLengths(queue)).some((n) => n > 0), {
    message: "A's sample of the queue with its tasks in the database",
  });
  await a.client.call('queues.clear_queue', { queue });
  // B's own sample, taken when it answers, is of the now empty queue: a length above 0 came from A.
  const m = await b.client.call('queues.get_queue_metrics', {
    from_date: from,
    to_date: Math.floor(Date.now() / 1000) + 1,
    interval: 1,
    queue_ids: [queue],
  });
  expect(m.queues[0].queue).toBe(queue);
  expect(Math.max(...m.queues[0].queue_lengths)).toBeGreaterThan(0);
});

it('serves through one server a file uploaded through the other (one shared files folder)', async () => {
  const boundary = 'twoServersBoundary';
  const bytes = Buffer.from(`shared bytes ${Math.random()}`);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="proj/run/artifact.bin"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await rawRequest(
    `${a.url}/files/`,
    'POST',
    { Authorization: BASIC, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
  );
  expect(up.status).toBe(200);
  const down = await rawRequest(`${b.url}/files/proj/run/artifact.bin`, 'GET', { Authorization: BASIC });
  expect(down.status).toBe(200);
  expect(down.body.equals(bytes)).toBe(true);
  expect(fs.readFileSync(path.join(filesDir, 'proj/run/artifact.bin')).equals(bytes)).toBe(true);
  expect(fs.existsSync(path.join(a.dataDir, 'files', 'proj'))).toBe(false);
});

it('pushes a change made through one server to a dashboard streaming from the other', async () => {
  let text = '';
  const req = http.get(`${b.url}/api/live.stream`, { headers: { Authorization: BASIC } });
  try {
    const status = await new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        resolve(res.statusCode!);
      });
      req.on('error', reject);
    });
    expect(status).toBe(200);
    const announced = () =>
      text
        .split('\n\n')
        .filter((m) => m.startsWith('event: changes\n'))
        .flatMap((m) =>
          (JSON.parse(m.split('\ndata: ')[1]) as { kind: string; id?: string }[]).map((c) => `${c.kind}:${c.id ?? ''}`),
        );
    // The stream on B is open once a change made through B itself arrives.
    const { id: first } = await b.client.call('tasks.create', { name: 'through b', type: 'training' });
    await waitFor(() => announced().includes(`task:${first}`), { message: 'B to announce its own change' });
    const { id } = await a.client.call('tasks.create', { name: 'through a', type: 'training' });
    await waitFor(() => announced().includes(`task:${id}`), { message: "A's new task to reach the stream on B" });
    await a.client.call('tasks.edit', { task: id, name: 'renamed through a' });
    const count = () => announced().filter((c) => c === `task:${id}`).length;
    await waitFor(() => count() >= 2, { message: "A's edit to reach the stream on B" });
  } finally {
    req.destroy();
  }
});

it('starts two servers at once on one empty database: one admin, one key pair, one default queue, one signing secret', async () => {
  const fresh = await createTestDatabase();
  try {
    const [c, d] = await Promise.all([startServerProcess(fresh.url), startServerProcess(fresh.url)]);
    const logged = (text: string) => [c, d].flatMap((s) => s.lines()).filter((l) => String(l.msg ?? '').includes(text)).length;
    expect(logged('created the admin user')).toBe(1);
    expect(logged('created credentials')).toBe(1);
    const queues = (await d.client.call('queues.get_all', {})).queues.filter((q) => q.name === 'default');
    expect(queues.length).toBe(1);
    // A token signed by one is accepted by the other: both use the one secret.
    const token = await c.client.login();
    const viaD = new ApiClient({ baseUrl: d.url, token });
    expect((await viaD.call('queues.get_all', {})).queues.length).toBe(1);
    const tokenD = await d.client.login();
    expect((await new ApiClient({ baseUrl: c.url, token: tokenD }).call('queues.get_all', {})).queues.length).toBe(1);
  } finally {
    for (const s of servers.splice(2)) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGKILL');
      await exited;
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    }
    await fresh.drop();
  }
});

it('counts failed sign-ins through one server against the other', async () => {
  const wrong = { Authorization: `Basic ${Buffer.from(`${KEY.accessKey}:not-the-secret`).toString('base64')}` };
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await rawRequest(`${a.url}/api/auth.login`, 'POST', wrong)).status);
  expect(statuses).toEqual(Array(10).fill(401));
  const overLimit = await rawRequest(`${b.url}/api/auth.login`, 'POST', { Authorization: BASIC });
  expect(overLimit.status).toBe(429);
  expect(Number(overLimit.headers['retry-after'])).toBeGreaterThan(0);
});

/** Tasks and models whose project is no longer stored. */
async function orphans(): Promise<number> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM tasks t WHERE t.project IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project))
            + (SELECT count(*) FROM models m WHERE m.project IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = m.project)) AS n`,
    );
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

/**
 * Rounds of: a project with 20 tasks, `end` run on it through A while B creates tasks and models in it until B says
 * it is gone. Returns what B stored, and what it stored once `end` had answered (wrongly: the project is gone).
 */
async function raceCreators(end: (project: string, round: number) => Promise<unknown>) {
  let stored = 0;
  let storedAfterEnd = 0;
  let ended = false;
  const createUntilRefused = async (project: string, make: (project: string) => Promise<unknown>) => {
    for (;;) {
      const afterEnd = ended;
      try {
        await make(project);
      } catch (e) {
        expect(e).toBeInstanceOf(ApiCallError);
        expect([(e as ApiCallError).code, (e as ApiCallError).subcode]).toEqual([400, 401]);
        return;
      }
      stored++;
      if (afterEnd) return void storedAfterEnd++;
    }
  };
  for (let round = 0; round < 8; round++) {
    const { id: project } = await a.client.call('projects.create', { name: `racing ${Math.random()}` });
    for (let i = 0; i < 20; i++) await a.client.call('tasks.create', { name: `before ${i}`, type: 'training', project });
    ended = false;
    const creators = [
      createUntilRefused(project, (p) => b.client.call('tasks.create', { name: 'late', type: 'training', project: p })),
      createUntilRefused(project, (p) => b.client.call('tasks.create', { name: 'late too', type: 'testing', project: p })),
      createUntilRefused(project, (p) => b.client.call('models.create', { name: 'late model', uri: 'file:///m', project: p })),
    ];
    await end(project, round);
    ended = true;
    await Promise.all(creators);
  }
  return { stored, storedAfterEnd };
}

it('deletes a project through one server while the other keeps creating tasks and models in it: none outlives it', async () => {
  const { stored, storedAfterEnd } = await raceCreators((project) =>
    a.client.call('projects.delete', { project, force: true, delete_contents: true }),
  );
  // The creators raced the deletes: some of what they made was stored, and then deleted with its project.
  expect(stored).toBeGreaterThan(0);
  expect(storedAfterEnd).toBe(0);
  expect(await orphans()).toBe(0);
}, 120_000);

it('merges a project into another through one server while the other keeps creating in it: all of it moves', async () => {
  const { id: destination } = await a.client.call('projects.create', { name: 'merged into' });
  const { stored, storedAfterEnd } = await raceCreators((project) =>
    a.client.call('projects.merge', { project, destination_project: destination }),
  );
  expect(stored).toBeGreaterThan(0);
  expect(storedAfterEnd).toBe(0);
  expect(await orphans()).toBe(0);
  // The 20 tasks made before each of the 8 merges, and all that B stored, are in the destination.
  const { tasks } = await b.client.call('tasks.get_all', { project: [destination], only_fields: ['id'], page_size: 1000 });
  const { models } = await b.client.call('models.get_all', { project: [destination], only_fields: ['id'], page_size: 1000 });
  expect(tasks.length + models.length).toBe(8 * 20 + stored);
}, 120_000);
