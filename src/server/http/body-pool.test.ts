/** Big bodies are made ready on a thread: the same answers and refusals as on the loop, without holding the loop. */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type EndpointName } from '../../shared/api/contract';
import { defaultConfig } from '../config';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';
import { BodyPool } from './body-pool';
import { ApiError } from './errors';
import { prepareBody } from './prepared-body';

const limits = defaultConfig();

function refusalOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, subcode: e.subcode, message: e.message, data: e.data } : String(e);
  }
  return 'accepted';
}

async function threadRefusalOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, subcode: e.subcode, message: e.message, data: e.data } : String(e);
  }
  return 'accepted';
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('body thread', () => {
  // Every body goes to the thread, however small.
  const pool = new BodyPool(limits, 1, 0);
  afterAll(() => pool.close());

  const bad: [string, EndpointName, string, Record<string, unknown>][] = [
    ['malformed JSON', 'tasks.edit', '{"task": "t1", "name": ', {}],
    ['too deep', 'tasks.edit', JSON.stringify({ task: 't1', execution: nested(limits.maxJsonDepth + 5) }), {}],
    [
      'too long a list',
      'tasks.get_all',
      JSON.stringify({ id: Array.from({ length: limits.maxIds + 1 }, (_, i) => `t${i}`) }),
      {},
    ],
    ['too long a name', 'tasks.create', JSON.stringify({ name: 'n'.repeat(limits.maxNameBytes + 1), type: 'training' }), {}],
    ['a value of the wrong type', 'tasks.edit', JSON.stringify({ task: 7, name: 'x' }), {}],
    ['a missing field', 'tasks.create', JSON.stringify({ type: 'training' }), {}],
    ['a bad query argument', 'tasks.get_all', '{}', { page: 'first' }],
  ];
  for (const [what, endpoint, text, query] of bad) {
    it(`refuses ${what} with the envelope the loop gives`, async () => {
      const raw = Buffer.from(text);
      const inline = refusalOf(() => prepareBody(endpoint, contract[endpoint].request, raw, 'application/json', query, limits));
      expect(inline).not.toBe('accepted');
      expect(await threadRefusalOf(pool.prepare(endpoint, Buffer.from(text), 'application/json', query))).toEqual(inline);
    });
  }

  it('answers a valid body with the value and ids the loop makes', async () => {
    const body = { task: 't1', name: 'renamed', comment: null, junk: { a: 1 } };
    const raw = Buffer.from(JSON.stringify(body));
    const inline = prepareBody('tasks.edit', contract['tasks.edit'].request, raw, 'application/json', { force: true }, limits);
    const threaded = await pool.prepare('tasks.edit', Buffer.from(raw), 'application/json', { force: true });
    expect(threaded).toEqual(inline);
    expect(threaded).toEqual({ value: { task: 't1', name: 'renamed', comment: null, force: true }, ids: { task: 't1' } });
  });

  it('refuses work after close, without starting a thread', async () => {
    const closing = new BodyPool(limits, 1, 0);
    await closing.close();
    await expect(closing.prepare('tasks.edit', Buffer.from('{}'), 'application/json', {})).rejects.toThrow(/shutting down/);
  });

  it('fails the bodies a thread held when one of its answers cannot be read', async () => {
    const p = new BodyPool(limits, 1, 0);
    try {
      // A body the thread takes long over, so that it is still pending when the unreadable answer arrives.
      const big = Buffer.from(JSON.stringify({ task: 't1', junk: Array.from({ length: 5000 }, (_, i) => ({ i })) }));
      const pending = threadRefusalOf(p.prepare('tasks.edit', big, 'application/json', {}));
      const worker = (p as unknown as { slots: { worker: NodeJS.EventEmitter }[] }).slots[0]!.worker;
      worker.emit('messageerror', new Error('could not deserialize'));
      expect(await pending).toMatchObject({ code: 500, message: expect.stringMatching(/could not be read/) });
    } finally {
      await p.close();
    }
  });
});

describe('a 20 MB tasks.edit', () => {
  let srv: TestServer;
  let taskId: string;
  beforeAll(async () => {
    srv = await startTestServer({ maxRequestBytes: 32 * 1024 * 1024 });
    taskId = (await srv.client.call('tasks.create', { name: 'big body', type: 'training' })).id;
  });
  afterAll(() => srv?.stop());

  it('is parsed, checked and validated without holding the event loop', async () => {
    // Unknown fields are dropped by validation: the stored change is one name, the work is all in the body.
    const junk: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) junk[`k${i}`] = 'v'.repeat(90);
    const text = JSON.stringify({ task: taskId, name: 'edited big', junk });
    expect(text.length).toBeGreaterThan(20_000_000);

    // What the same body costs on the loop, measured now (the machine is shared): the hold the thread avoids.
    const t0 = performance.now();
    prepareBody('tasks.edit', contract['tasks.edit'].request, Buffer.from(text), 'application/json', {}, limits);
    const inlineMs = performance.now() - t0;

    let maxGap = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const res = await rawRequest(
      `${srv.url}/api/v2.23/tasks.edit`,
      'POST',
      { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
      text,
    );
    ticking = false;
    expect(res.status).toBe(200);
    expect((await srv.client.call('tasks.get_by_id', { task: taskId })).task.name).toBe('edited big');
    // The loop still reads and copies the body; the parse, check and validation are the part that must not be on it.
    expect(maxGap).toBeLessThan(inlineMs / 2);
  });

  it('refuses a big bad body with the envelope of the loop', async () => {
    const junk = 'x'.repeat(400 * 1024);
    const text = JSON.stringify({ task: taskId, junk, name: 'n'.repeat(limits.maxNameBytes + 1) });
    const inline = refusalOf(() =>
      prepareBody('tasks.edit', contract['tasks.edit'].request, Buffer.from(text), 'application/json', {}, limits),
    ) as { code: number; subcode: number; message: string };
    const res = await rawRequest(
      `${srv.url}/api/v2.23/tasks.edit`,
      'POST',
      { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
      text,
    );
    const meta = JSON.parse(res.body.toString()).meta;
    expect([res.status, meta.result_code, meta.result_subcode, meta.result_msg]).toEqual([
      inline.code,
      inline.code,
      inline.subcode,
      inline.message,
    ]);
  });
});
