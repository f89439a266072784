/** Bad input gets a clear ClearML-style error envelope and changes nothing. */
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
  const log = await srv.client.call('events.get_task_log', { task: taskId });
  return JSON.stringify({ tasks, projects, queues, log });
}

async function api(path: string, body: string | undefined, headers: Record<string, string> = auth, method = 'POST') {
  const res = await rawRequest(`${srv.url}/api${path}`, method, { 'Content-Type': 'application/json', ...headers }, body);
  return { status: res.status, headers: res.headers, json: JSON.parse(res.body.toString()) };
}

beforeAll(async () => {
  srv = await startTestServer({ maxUploadBytes: 1024 });
  auth = { Authorization: `Bearer ${srv.client.token}` };
  const { id: project } = await srv.client.call('projects.create', { name: 'bad/input' });
  taskId = (await srv.client.call('tasks.create', { name: 'victim', type: 'training', project })).id;
  await srv.client.call('events.add_batch', [{ type: 'log', task: taskId, msg: 'line' }]);
  snapshot = await storeSnapshot();
});
afterAll(() => srv?.stop());

describe('bad input', () => {
  const cases: [string, () => ReturnType<typeof api>, number, number, RegExp][] = [
    ['malformed JSON', () => api('/v2.23/tasks.edit', '{"task": "x", name:'), 400, 0, /Malformed JSON/],
    [
      'a wrong type',
      () => api('/v2.23/tasks.create', JSON.stringify({ name: 5, type: 'training' })),
      400,
      12,
      /"name": expected string, received number/,
    ],
    ['an unknown enum value', () => api('/v2.23/tasks.create', JSON.stringify({ name: 'a', type: 'bogus' })), 400, 12, /"type"/],
    ['a missing field', () => api('/v2.23/tasks.get_by_id', '{}'), 400, 12, /"task" is required/],
    [
      'an unknown task id',
      () => api('/v2.23/tasks.get_by_id', JSON.stringify({ task: 'nope' })),
      400,
      101,
      /Invalid task id.*nope/,
    ],
    [
      'an unknown project id',
      () => api('/v2.23/tasks.create', JSON.stringify({ name: 'a', type: 'training', project: 'nope' })),
      400,
      401,
      /project/,
    ],
    ['an unknown queue id', () => api('/v2.23/queues.get_by_id', JSON.stringify({ queue: 'nope' })), 400, 701, /queue/],
    ['an unknown endpoint', () => api('/v2.23/tasks.fly_to_moon', '{}'), 404, 0, /Unknown endpoint: tasks\.fly_to_moon/],
    ['a missing token', () => api('/v2.23/tasks.get_all', '{}', {}), 401, 20, /no Authorization header/],
    [
      'a forged token',
      () => api('/v2.23/tasks.get_all', '{}', { Authorization: `Bearer ${srv.client.token!.slice(0, -4)}AAAA` }),
      401,
      20,
      /signature/,
    ],
    [
      'wrong credentials',
      () => api('/auth.login', undefined, { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
      401,
      22,
      /invalid access key/,
    ],
    [
      'a task edit with a bad regex filter',
      () => api('/v2.23/tasks.get_all', JSON.stringify({ name: '([' })),
      400,
      12,
      /regular expression/,
    ],
    [
      'an add_batch line that is not JSON',
      () =>
        rawRequest(
          `${srv.url}/api/v2.23/events.add_batch`,
          'POST',
          { ...auth, 'Content-Type': 'application/json-lines' },
          `{"type":"log","task":"${taskId}","msg":"x"}\n{oops`,
        ).then((r) => ({ status: r.status, headers: r.headers, json: JSON.parse(r.body.toString()) })),
      400,
      0,
      /line 2/,
    ],
    [
      'an add_batch for an unknown task',
      () =>
        rawRequest(
          `${srv.url}/api/v2.23/events.add_batch`,
          'POST',
          { ...auth, 'Content-Type': 'application/json-lines' },
          `{"type":"log","task":"nope","msg":"x"}`,
        ).then((r) => ({ status: r.status, headers: r.headers, json: JSON.parse(r.body.toString()) })),
      400,
      131,
      /unknown task id nope/,
    ],
  ];
  for (const [name, run, code, subcode, msg] of cases) {
    it(`answers ${name} with ${code}/${subcode} and changes nothing`, async () => {
      const r = await run();
      expect(r.status).toBe(code);
      expect(r.json.meta.result_code).toBe(code);
      expect(r.json.meta.result_subcode).toBe(subcode);
      expect(r.json.meta.result_msg).toMatch(msg);
      expect(r.json.meta.endpoint.name).toBeTruthy();
      expect(r.headers.connection).toBe('close');
      expect(await storeSnapshot()).toBe(snapshot);
    });
  }

  it('refuses to delete a non-empty project, naming what it holds', async () => {
    const { projects } = await srv.client.call('projects.get_all', {
      name: '^bad$',
    });
    await expect(srv.client.call('projects.delete', { project: projects[0].id })).rejects.toThrow(/not empty: it holds 1 task/);
    expect(await storeSnapshot()).toBe(snapshot);
  });

  it('merges query arguments into the body, as the real server does', async () => {
    const r = await rawRequest(`${srv.url}/api/v2.23/tasks.get_by_id?task=${taskId}`, 'GET', auth);
    expect(JSON.parse(r.body.toString()).data.task.id).toBe(taskId);
  });
});

describe('/files', () => {
  const upload = (name: string, bytes: Buffer, headers = auth) => {
    const b = 'xxBOUNDARYxx';
    const body = Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    return rawRequest(`${srv.url}/files/`, 'POST', { ...headers, 'Content-Type': `multipart/form-data; boundary=${b}` }, body);
  };

  it('stores an upload as named and serves it back (decoded once)', async () => {
    const r = await upload('/p/run%3A x.abc/artifacts/a b/file.txt', Buffer.from('hello'));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toEqual(['p/run%3A x.abc/artifacts/a b/file.txt']);
    const d = await rawRequest(`${srv.url}/files/p/run%253A%20x.abc/artifacts/a%20b/file.txt`, 'GET', auth);
    expect(d.status).toBe(200);
    expect(d.body.toString()).toBe('hello');
  });

  it('refuses paths that leave the files root', async () => {
    for (const name of ['../evil.txt', '/a/../../evil.txt', '..\\evil.txt']) {
      const r = await upload(name, Buffer.from('x'));
      expect(r.status, name).toBe(400);
      expect(JSON.parse(r.body.toString()).meta.result_msg).toMatch(/not allowed|leaves/);
    }
    const d = await rawRequest(`${srv.url}/files/..%2F..%2Fetc%2Fpasswd`, 'GET', auth);
    expect(d.status).toBe(400);
  });

  it('refuses an upload over the size limit and keeps nothing of it', async () => {
    const r = await upload('big/file.bin', Buffer.alloc(4096, 1));
    expect(r.status).toBe(413);
    const d = await rawRequest(`${srv.url}/files/big/file.bin`, 'GET', auth);
    expect(d.status).toBe(404);
  });

  it('needs a token for uploads and downloads', async () => {
    expect((await upload('x/y.txt', Buffer.from('x'), {})).status).toBe(401);
    expect((await rawRequest(`${srv.url}/files/p/run%253A%20x.abc/artifacts/a%20b/file.txt`, 'GET', {})).status).toBe(401);
  });
});
