/** API answers are compressed as the client asks (Accept-Encoding), and only then. */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let taskId: string;
const LINES = 200;

beforeAll(async () => {
  srv = await startTestServer();
  taskId = (await srv.client.call('tasks.create', { name: 'chatty', type: 'training' })).id;
  const events = Array.from({ length: LINES }, (_, i) => ({
    type: 'log',
    task: taskId,
    msg: `epoch ${i}: loss is going down nicely`,
  }));
  await srv.client.call('events.add_batch', events);
});
afterAll(() => srv?.stop());

async function getLog(acceptEncoding?: string) {
  const headers: Record<string, string> = { Authorization: `Bearer ${srv.client.token}`, 'Content-Type': 'application/json' };
  if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
  return rawRequest(`${srv.url}/api/events.get_task_log`, 'POST', headers, JSON.stringify({ task: taskId, batch_size: LINES }));
}

function decode(body: Buffer, coding: string | undefined): { data: { events: unknown[] } } {
  const plain = coding === 'br' ? zlib.brotliDecompressSync(body) : coding === 'gzip' ? zlib.gunzipSync(body) : body;
  return JSON.parse(plain.toString('utf8'));
}

describe('API compression', () => {
  it('sends brotli to a client that accepts it, smaller than the plain answer and with the same content', async () => {
    const plain = await getLog();
    const br = await getLog('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(decode(br.body, 'br').data.events).toHaveLength(LINES);
    expect(decode(br.body, 'br')).toMatchObject({ data: decode(plain.body, undefined).data });
  });

  it('sends gzip when brotli is not accepted, or refused with q=0', async () => {
    for (const accept of ['gzip', 'gzip, deflate', 'br;q=0, gzip']) {
      const res = await getLog(accept);
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(decode(res.body, 'gzip').data.events).toHaveLength(LINES);
    }
  });

  it('sends the plain answer to a client that accepts no compression', async () => {
    for (const accept of [undefined, '', 'identity', 'deflate', 'gzip;q=0, br;q=0']) {
      const res = await getLog(accept);
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(decode(res.body, undefined).data.events).toHaveLength(LINES);
    }
  });

  it('leaves small answers uncompressed', async () => {
    const res = await rawRequest(
      `${srv.url}/api/server.info`,
      'POST',
      { 'Accept-Encoding': 'br', 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
      '{}',
    );
    expect(res.body.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString()).meta.result_code).toBe(200);
  });
});
