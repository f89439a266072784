/** The live stream over a real server: who may open it, what it carries, and that it never holds shutdown. */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../testing/wait-for';
import { post, sameOrigin, signIn } from '../testing/accounts';
import {
  startTestServer,
  TEST_ACCESS_KEY,
  TEST_ADMIN_LOGIN,
  TEST_ADMIN_PASSWORD,
  TEST_SECRET_KEY,
  type TestServer,
} from '../testing/server';
import { createInProcessPublisher } from './hub';
import { createLiveStreams, DEFAULT_LIVE_OPTIONS } from './stream';

const BASIC = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
});

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: () => string;
  ended: Promise<void>;
  close: () => void;
}

function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/live.stream`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      const ended = new Promise<void>((r) => res.on('close', () => r()));
      resolve({ status: res.statusCode!, headers: res.headers, text: () => text, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

/** The changes announced so far, as `kind:id` strings. */
function changes(text: string): string[] {
  return text
    .split('\n\n')
    .filter((m) => m.startsWith('event: changes\n'))
    .flatMap((m) =>
      (JSON.parse(m.split('\ndata: ')[1]) as { kind: string; id?: string }[]).map((c) => `${c.kind}:${c.id ?? ''}`),
    );
}

it('refuses a caller without a session or key', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const s = await openStream(srv.url, {});
  expect(s.status).toBe(401);
});

it('announces a new task, its status change and its scalars and console lines by id only, uncompressed', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const s = await openStream(srv.url, { Authorization: BASIC, 'Accept-Encoding': 'br, gzip' });
  expect(s.status).toBe(200);
  expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
  expect(s.headers['content-encoding']).toBeUndefined();
  const { id } = await srv.client.call('tasks.create', { name: 'live one', type: 'training' });
  await waitFor(() => changes(s.text()).includes(`task:${id}`) && changes(s.text()).includes('tasks:'), {
    message: 'the new task to be announced',
  });
  await srv.client.call('tasks.started', { task: id });
  await srv.client.call('events.add_batch', [
    { task: id, type: 'training_stats_scalar', metric: 'loss', variant: 'train', iter: 1, value: 0.5 },
    { task: id, type: 'log', msg: 'secret console text' },
  ]);
  await waitFor(() => changes(s.text()).includes(`scalars:${id}`) && changes(s.text()).includes(`log:${id}`), {
    message: 'the scalars and the console line to be announced',
  });
  // Only ids and kinds travel: the data itself comes from the normal endpoints.
  expect(s.text()).not.toContain('secret console text');
  expect(s.text()).not.toContain('live one');
  s.close();
});

it('announces the watchdog stopping a silent task (a write made outside any request)', async () => {
  const srv = await startTestServer({ nonResponsiveThresholdSec: 3, watchIntervalSec: 0.2 });
  servers.push(srv);
  const { id } = await srv.client.call('tasks.create', { name: 'goes silent', type: 'training' });
  await srv.client.call('tasks.started', { task: id });
  // Opened after the start (whose announcement it never sees) and while the task still runs; no write is
  // made after this, so the task can only be announced here by the watchdog.
  const s = await openStream(srv.url, { Authorization: BASIC });
  const status = async () => (await srv.client.call('tasks.get_by_id', { task: id })).task.status;
  expect(await status()).toBe('in_progress');
  await waitFor(() => changes(s.text()).includes(`task:${id}`), {
    message: 'the watchdog stop to be announced',
    timeoutMs: 15_000,
  });
  expect(await status()).toBe('stopped');
  expect(changes(s.text())).toContain('tasks:');
  s.close();
});

it('announces each task and model a project delete or merge took with it, which the request does not name', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const { id: doomed } = await srv.client.call('projects.create', { name: 'doomed' });
  const { id: gone } = await srv.client.call('tasks.create', { name: 'gone', type: 'training', project: doomed });
  const { id: model } = await srv.client.call('models.create', { name: 'gone too', uri: 'file:///m', project: doomed });
  const { id: source } = await srv.client.call('projects.create', { name: 'source' });
  const { id: into } = await srv.client.call('projects.create', { name: 'into' });
  const { id: moved } = await srv.client.call('tasks.create', { name: 'moved', type: 'training', project: source });
  // Opened after the creates: only the delete and the merge can announce these ids now.
  const s = await openStream(srv.url, { Authorization: BASIC });
  await srv.client.call('projects.delete', { project: doomed, force: true, delete_contents: true });
  await srv.client.call('projects.merge', { project: source, destination_project: into });
  await waitFor(() => [`task:${gone}`, `model:${model}`, `task:${moved}`].every((c) => changes(s.text()).includes(c)), {
    message: 'the deleted and the moved records to be announced',
  });
  s.close();
});

it('a read-only call announces nothing', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const s = await openStream(srv.url, { Authorization: BASIC });
  await srv.client.call('tasks.get_all', {});
  const { id } = await srv.client.call('tasks.create', { name: 'marker', type: 'training' });
  await waitFor(() => changes(s.text()).includes(`task:${id}`), { message: 'the marker task' });
  expect(changes(s.text()).filter((c) => c !== `task:${id}` && c !== 'tasks:')).toEqual([]);
  s.close();
});

it('an open stream does not hold a graceful shutdown for its grace period', async () => {
  const srv = await startTestServer();
  const s = await openStream(srv.url, { Authorization: BASIC });
  await waitFor(() => s.text().includes(': live'), { message: 'the stream to open' });
  const t0 = Date.now();
  const r = await srv.shutdown(20_000);
  expect(r.forced).toBe(false);
  expect(Date.now() - t0).toBeLessThan(5_000);
  await s.ended;
});

it('dropAll ends every open stream and still takes new ones (the dashboards reconnect)', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const s = await openStream(srv.url, { Authorization: BASIC });
  await waitFor(() => s.text().includes(': live'), { message: 'the stream to open' });
  expect(srv.liveStreams.count).toBe(1);
  srv.liveStreams.dropAll();
  await s.ended;
  expect(srv.liveStreams.count).toBe(0);
  const again = await openStream(srv.url, { Authorization: BASIC });
  expect(again.status).toBe(200);
  const { id } = await srv.client.call('tasks.create', { name: 'after the drop', type: 'training' });
  await waitFor(() => changes(again.text()).includes(`task:${id}`), { message: 'the reopened stream to announce' });
  again.close();
});

/** A stream handler of its own (short heartbeat, small buffer) on the test server's store. */
async function ownStreams(srv: TestServer, opts: Partial<typeof DEFAULT_LIVE_OPTIONS>) {
  const publisher = createInProcessPublisher();
  const streams = createLiveStreams(srv.store, publisher, { ...DEFAULT_LIVE_OPTIONS, ...opts });
  const server = http.createServer((req, res) => void streams.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    publisher,
    streams,
    close: () => {
      streams.closeAll();
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

it('signing out ends the stream at the next heartbeat', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const own = await ownStreams(srv, { heartbeatMs: 200 });
  try {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const s = await openStream(own.url, { Cookie: cookie });
    expect(s.status).toBe(200);
    await waitFor(() => s.text().includes(': hb'), { message: 'a heartbeat' });
    expect((await post(srv, 'auth.sign_out', {}, { Cookie: cookie, ...sameOrigin(srv) })).status).toBe(200);
    await s.ended;
    expect(own.streams.count).toBe(0);
  } finally {
    await own.close();
  }
});

it('drops a client that stops reading instead of buffering for it', async () => {
  const srv = await startTestServer();
  servers.push(srv);
  const own = await ownStreams(srv, { maxBufferedBytes: 64 * 1024, flushMs: 1, maxPending: 1_000_000 });
  try {
    // A raw socket that never reads after the request: the kernel buffers fill, then ours would.
    const sock = net.connect(Number(new URL(own.url).port), '127.0.0.1');
    sock.pause();
    let closed = false;
    sock.on('close', () => (closed = true));
    sock.on('error', () => undefined);
    sock.write(`GET /api/live.stream HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\n\r\n`);
    await waitFor(() => own.streams.count === 1, { message: 'the stream to open' });
    const id = 'x'.repeat(1000);
    for (let round = 0; round < 2000 && own.streams.count > 0; round++) {
      own.publisher.publish(Array.from({ length: 200 }, (_, i) => ({ kind: 'task' as const, id: `${id}${round}-${i}` })));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(own.streams.count).toBe(0);
    // What was already sent drains, then the connection ends.
    sock.resume();
    await waitFor(() => closed, { message: 'the socket to be closed by the server' });
  } finally {
    await own.close();
  }
});
