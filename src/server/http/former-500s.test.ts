/** Requests that used to answer 500: each is now a 400 a person understands, and changes nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let auth: Record<string, string>;
let taskId: string;
let snapshot: string;

async function storeSnapshot(): Promise<string> {
  const tasks = await srv.client.call('tasks.get_all', { search_hidden: true });
  const projects = await srv.client.call('projects.get_all', { search_hidden: true });
  const queues = await srv.client.call('queues.get_all', {});
  const models = await srv.client.call('models.get_all', {});
  const log = await srv.client.call('events.get_task_log', { task: taskId });
  return JSON.stringify({ tasks, projects, queues, models, log });
}

function filesSnapshot(): string[] {
  const root = path.join(srv.dataDir, 'files');
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).sort() : [];
}

async function api(endpoint: string, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await rawRequest(`${srv.url}/api/v2.23/${endpoint}`, 'POST', { 'Content-Type': 'application/json', ...auth }, text);
  return { status: res.status, msg: JSON.parse(res.body.toString()).meta.result_msg as string };
}

function upload(name: string, bytes: Buffer) {
  const b = 'xxBOUNDARYxx';
  const body = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return rawRequest(`${srv.url}/files/`, 'POST', { ...auth, 'Content-Type': `multipart/form-data; boundary=${b}` }, body);
}

/** JSON text of `levels` nested objects (built as text: JSON.stringify itself would overflow the stack). */
function deep(levels: number): string {
  return '{"a":'.repeat(levels) + '"leaf"' + '}'.repeat(levels);
}

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

beforeAll(async () => {
  srv = await startTestServer();
  auth = { Authorization: `Bearer ${srv.client.token}` };
  const { id: project } = await srv.client.call('projects.create', { name: 'former/500s' });
  taskId = (await srv.client.call('tasks.create', { name: 'victim', type: 'training', project })).id;
  await srv.client.call('events.add_batch', [{ type: 'log', task: taskId, msg: 'line' }]);
  expect((await upload('victim/dir/file.txt', Buffer.from('x'))).status).toBe(200);
  snapshot = await storeSnapshot();
});
afterAll(() => srv?.stop());

describe('former 500s', () => {
  const cases: [string, () => Promise<{ status: number; msg: string }>, RegExp][] = [
    [
      'a 10,000-deep configuration',
      () => api('tasks.edit', `{"task":"${taskId}","configuration":${deep(10_000)}}`),
      /nests deeper than 64 levels/,
    ],
    [
      'a 10,000-deep configuration in tasks.create',
      () => api('tasks.create', `{"name":"x","type":"training","configuration":{"c":{"value":"v","x":${deep(10_000)}}}}`),
      /nests deeper than 64/,
    ],
    [
      'a 10,000-deep hyper-parameter edit',
      () => api('tasks.edit_hyper_params', `{"task":"${taskId}","hyperparams":[${deep(10_000)}]}`),
      /nests deeper than 64/,
    ],
    [
      'a scroll_id the server never handed out',
      () => api('tasks.get_all', { scroll_id: 'zzzzzzzzzzzzzzzzzzzzzzz' }),
      /"scroll_id" is not one this server handed out/,
    ],
    ['a scroll_id on models', () => api('models.get_all', { scroll_id: 'zzzzzzzzzzzzzzzzzzzzzzz', size: 10 }), /"scroll_id"/],
    [
      'a debug-images scroll_id that is not ours',
      () => api('events.debug_images', { metrics: [{ task: taskId }], scroll_id: 'zzzzzzzzzzzzzzzzzzzzzzz' }),
      /"scroll_id"/,
    ],
    [
      '100,000 task ids',
      () => api('tasks.get_all', { id: ids(100_000, 't') }),
      /"id" holds 100000 items, over the limit of 10000/,
    ],
    [
      '100,000 ids to delete',
      () => api('tasks.delete_many', { ids: ids(100_000, 't') }),
      /"ids" holds 100000 items, over the limit of 10000/,
    ],
    [
      '40,000 project ids',
      () => api('tasks.get_all', { project: ids(40_000, 'p') }),
      /"project" holds 40000 items, over the limit of 10000/,
    ],
    [
      '40,000 project ids on get_all_ex',
      () => api('tasks.get_all_ex', { project: ids(40_000, 'p') }),
      /"project" holds 40000 items/,
    ],
    ['a page far beyond any number', () => api('tasks.get_all', { page: 1e300, page_size: 10 }), /"page"/],
  ];
  for (const [name, run, msg] of cases) {
    it(`answers ${name} with a clear 400 and changes nothing`, async () => {
      const r = await run();
      expect(r.status, r.msg).toBe(400);
      expect(r.msg).toMatch(msg);
      expect(await storeSnapshot()).toBe(snapshot);
    });
  }

  it('answers id lists at the limit in full, without running out of SQL variables', async () => {
    const many = [...ids(9_999, 't'), taskId];
    const r = await srv.client.call('tasks.get_all', {
      id: many,
      project: ids(10_000, 'p'),
      user: ids(10_000, 'u'),
      only_fields: ['id'],
    });
    expect(r.tasks).toEqual([]);
    const mine = await srv.client.call('tasks.get_all', { id: many, only_fields: ['id'] });
    expect(mine.tasks.map((t) => t.id)).toEqual([taskId]);
  });

  it('answers an upload onto an existing folder with a 400 that names no server path, and keeps nothing of it', async () => {
    const before = filesSnapshot();
    const r = await upload('victim/dir', Buffer.from('overwrite?'));
    expect(r.status).toBe(400);
    const msg = JSON.parse(r.body.toString()).meta.result_msg as string;
    expect(msg).toMatch(/"victim\/dir".*a folder of that name already exists/);
    expect(msg).not.toContain(srv.dataDir);
    expect(filesSnapshot()).toEqual(before);
    expect(await storeSnapshot()).toBe(snapshot);
  });

  it('answers an upload under an existing file with a 400 and keeps nothing of it', async () => {
    const before = filesSnapshot();
    const r = await upload('victim/dir/file.txt/inner.txt', Buffer.from('x'));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body.toString()).meta.result_msg).toMatch(/already a file/);
    expect(filesSnapshot()).toEqual(before);
  });
});
