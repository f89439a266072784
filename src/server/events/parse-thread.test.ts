import { afterAll, expect, it } from 'vitest';
import { defaultConfig } from '../config';
import { ApiError } from '../http/errors';
import { checkBatchBody } from './checked-batch';
import { ParsePool } from './parse-pool';

const limits = defaultConfig();
// Every body goes to the thread, however small.
const pool = new ParsePool(limits, 1, 0);
afterAll(() => pool.close());

const scalar = (i: number) => ({
  type: 'training_stats_scalar',
  task: 'T1',
  metric: 'loss',
  variant: 'train',
  iter: i,
  value: i / 2,
});
const lines = (events: unknown[]) => Buffer.from(events.map((e) => JSON.stringify(e)).join('\n'));

it('a body parsed on a thread refuses bad events by their index and reason, as the inline path does', async () => {
  const events = [
    scalar(0),
    { type: 'training_stats_scalar', iter: 1, value: 1 }, // no task
    scalar(2),
    { type: 'nonsense', task: 'T1' },
    { type: 'log', task: 'T1', msg: 'hello', level: 'info' },
    { type: 'training_stats_scalar', task: 'T1', iter: 1.5, value: 1 },
    { type: 'plot', task: 'M1', model_event: true, plot_str: '{}', metric: 'p', variant: 'v', iter: 3 },
  ];
  const threaded = await pool.parse(lines(events), 'application/json-lines');
  expect(threaded.total).toBe(7);
  expect(threaded.refusedAt).toEqual([1, 3, 5]);
  expect(threaded.refusedWhy).toHaveLength(3);
  for (const why of threaded.refusedWhy) expect(why).toMatch(/^invalid event: /);
  expect(threaded.refusedWhy[0]).toContain('task');
  expect(threaded.refusedWhy[1]).toContain('type');
  expect(threaded.refusedWhy[2]).toContain('iter');
  // Two scalars as columns, the log and the model's plot as themselves, in the order they came.
  expect([...threaded.order]).toEqual([0, 0, 1, 1]);
  expect([...threaded.scalars.iter]).toEqual([0, 2]);
  expect([...threaded.scalars.value]).toEqual([0, 1]);
  expect(threaded.others.map((e) => [e.type, e.task])).toEqual([
    ['log', 'T1'],
    ['plot', 'M1'],
  ]);
  expect(threaded.owners).toEqual(['T1', 'M1']);
  expect(threaded.ownerIsModel).toEqual([false, true]);

  const inline = checkBatchBody(lines(events), 'application/json-lines', limits);
  expect(threaded).toEqual(inline);
});

it('a body refused as a whole on a thread gives the same error as inline', async () => {
  const cases: [Buffer, string][] = [
    [Buffer.from('{"type":"log","task":"T1"}\n{not json'), 'application/json-lines'],
    [Buffer.from(JSON.stringify({ not: 'a list' })), 'application/json'],
    [lines([scalar(0), { ...scalar(1), model_event: true, model: 'T1' }]), 'application/json-lines'],
    [lines([{ type: 'plot', task: 'T1', name: 'x'.repeat(limits.maxNameBytes + 1) }]), 'application/json-lines'],
  ];
  for (const [body, type] of cases) {
    let inline: unknown;
    try {
      checkBatchBody(body, type, limits);
    } catch (e) {
      inline = e;
    }
    expect(inline).toBeInstanceOf(ApiError);
    const threaded = await pool.parse(body, type).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(threaded).toBeInstanceOf(ApiError);
    const { code, subcode, message, data } = threaded as ApiError;
    const want = inline as ApiError;
    expect({ code, subcode, message, data }).toEqual({
      code: want.code,
      subcode: want.subcode,
      message: want.message,
      data: want.data,
    });
  }
});

it('moves a large body to the thread without copying it (the sender no longer holds its bytes)', async () => {
  const big = Array.from({ length: 5000 }, (_, i) => scalar(i));
  const parts = [lines(big.slice(0, 2500)), Buffer.from('\n'), lines(big.slice(2500))];
  const body = Buffer.concat(parts);
  const b = await pool.parse(body, 'application/json-lines');
  expect(b.scalars.iter.length).toBe(5000);
  expect(body.byteLength).toBe(0);
});

it('fails the bodies a parse thread held when it dies (none waits forever), and parses the next on a new thread', async () => {
  const own = new ParsePool(limits, 1, 0);
  try {
    await own.parse(lines([scalar(1)]), 'application/json-lines');
    const slot = (own as unknown as { slots: { worker: import('node:worker_threads').Worker }[] }).slots[0];
    const body = lines(Array.from({ length: 20_000 }, (_, i) => scalar(i)));
    const held = own.parse(body, 'application/json-lines');
    await slot.worker.terminate();
    await expect(held).rejects.toThrow(/parse thread stopped/);
    const next = await own.parse(lines([scalar(2)]), 'application/json-lines');
    expect(Array.from(next.scalars.iter)).toEqual([2]);
  } finally {
    await own.close();
  }
});
