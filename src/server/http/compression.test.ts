/** API answers are compressed as the client asks (Accept-Encoding), and only then. */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';
import { blocks, compress, COMPRESS_BLOCK } from './compression';

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
  const points = Array.from({ length: 3000 }, (_, i) => ({
    type: 'training_stats_scalar',
    task: taskId,
    metric: 'loss',
    variant: 'train',
    iter: i,
    value: Math.sin(i / 7) + i / 1e4,
    timestamp: 1.7e12 + i * 1000,
  }));
  await srv.client.call('events.add_batch', points);
});
afterAll(() => srv?.stop());

async function getLog(acceptEncoding?: string) {
  const headers: Record<string, string> = { Authorization: `Bearer ${srv.client.token}`, 'Content-Type': 'application/json' };
  if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
  return rawRequest(`${srv.url}/api/events.get_task_log`, 'POST', headers, JSON.stringify({ task: taskId, batch_size: LINES }));
}

async function getChart(acceptEncoding: string, key?: string) {
  const headers = {
    Authorization: `Bearer ${srv.client.token}`,
    'Content-Type': 'application/json',
    'Accept-Encoding': acceptEncoding,
  };
  const body = JSON.stringify({ task: taskId, samples: 5000, ...(key ? { key } : {}) });
  return rawRequest(`${srv.url}/api/events.scalar_metrics_iter_histogram`, 'POST', headers, body);
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

  it('prefers gzip for a chart of numbers, brotli when gzip is not accepted, and the text order for ISO-time charts', async () => {
    const plain = decode((await getChart('identity')).body, undefined);
    expect(JSON.stringify(plain).length).toBeGreaterThan(3000 * 10);
    for (const [accept, coding] of [
      ['gzip, deflate, br', 'gzip'],
      ['br, gzip', 'gzip'],
      ['br', 'br'],
      ['gzip;q=0.5, br', 'br'],
    ]) {
      const res = await getChart(accept);
      expect(res.headers['content-encoding'], accept).toBe(coding);
      expect(decode(res.body, coding).data, accept).toEqual(plain.data);
    }
    const iso = await getChart('gzip, deflate, br', 'iso_time');
    expect(iso.headers['content-encoding']).toBe('br');
  });
});

describe('compress', () => {
  const repeated = Buffer.from('0.123456789,'.repeat(20_000));

  it('codes numbers by their letters only with gzip (no string matching), and text with it', async () => {
    // Entropy coding alone spends at least a bit a byte; matching the repeats makes this a few hundred bytes.
    const numbers = await compress(repeated, 'gzip', 'numbers');
    expect(numbers.length).toBeGreaterThan(repeated.length / 9);
    expect(zlib.gunzipSync(numbers).equals(repeated)).toBe(true);
    const text = await compress(repeated, 'gzip', 'text');
    expect(text.length).toBeLessThan(repeated.length / 100);
    expect(zlib.gunzipSync(text).equals(repeated)).toBe(true);
  });

  it('round-trips numbers through brotli', async () => {
    expect(zlib.brotliDecompressSync(await compress(repeated, 'br', 'numbers')).equals(repeated)).toBe(true);
  });

  it('takes an answer in parts, small ones joined into blocks and large ones as they are', async () => {
    // As an answer of 5,000 series comes from the reader threads: a key, a series, a key... and one large part.
    const large = Buffer.alloc(3 * COMPRESS_BLOCK, 'x');
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 5_000; i++) parts.push(Buffer.from(`,"s${i}":`), Buffer.from(`[${i},${i * 2}]`));
    parts.splice(2_000, 0, large);
    const whole = Buffer.concat(parts);
    const made = blocks(parts);
    expect(Buffer.concat(made).equals(whole)).toBe(true);
    expect(made).toContain(large);
    // Every block but the large one and the last of each run holds at least COMPRESS_BLOCK bytes.
    expect(made.length).toBeLessThanOrEqual(Math.ceil(whole.length / COMPRESS_BLOCK) + 2);
    expect(blocks([])).toEqual([]);
    for (const coding of ['gzip', 'br'] as const) {
      const packed = await compress(parts, coding);
      const back = coding === 'gzip' ? zlib.gunzipSync(packed) : zlib.brotliDecompressSync(packed);
      expect(back.equals(whole), coding).toBe(true);
    }
  });
});
