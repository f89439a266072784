import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

const CAP = 64 * 1024;
const EVENTS = 200;
const MSG_BYTES = 4000;

let srv: TestServer;
let task: string;
beforeAll(async () => {
  srv = await startTestServer({ maxAnswerBytes: CAP });
  task = (await srv.client.call('tasks.create', { name: 'big console', type: 'training' })).id;
  await srv.client.call(
    'events.add_batch',
    Array.from({ length: EVENTS }, (_, i) => ({
      type: 'log',
      task,
      msg: `${String(i).padStart(4, '0')}${'x'.repeat(MSG_BYTES - 4)}`,
    })),
  );
});
afterAll(() => srv?.stop());

it('caps events.get_task_log by bytes, and paging from the last event still reads every event once', async () => {
  const seen: string[] = [];
  let from: number | undefined;
  for (let page = 0; page < 100 && seen.length < EVENTS; page++) {
    const r = await srv.client.call('events.get_task_log', {
      task,
      navigate_earlier: false,
      batch_size: 1000,
      ...(from === undefined ? {} : { from_pos: from }),
    });
    expect(r.total).toBe(EVENTS);
    expect(r.returned).toBe(r.events.length);
    expect(r.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.events).length).toBeLessThanOrEqual(CAP);
    seen.push(...r.events.map((e) => e.msg.slice(0, 4)));
    from = r.events.at(-1)!.pos;
  }
  expect(seen).toEqual(Array.from({ length: EVENTS }, (_, i) => String(i).padStart(4, '0')));
});

it('answers the newest events first under the cap when reading backwards', async () => {
  const r = await srv.client.call('events.get_task_log', { task, batch_size: 1000 });
  expect(r.events.length).toBeLessThan(EVENTS);
  expect(r.events[0].msg.slice(0, 4)).toBe(String(EVENTS - 1).padStart(4, '0'));
});

it('caps the last page of console lines from its start, keeping the newest lines', async () => {
  const r = await srv.client.call('events.get_task_log_lines', { task, count: 1000 });
  expect(r.total_lines).toBe(EVENTS);
  expect(r.lines.length).toBeLessThan(EVENTS);
  expect(JSON.stringify(r.lines).length).toBeLessThanOrEqual(CAP);
  expect(r.lines.at(-1)!.line).toBe(EVENTS - 1);
  expect(r.from_line).toBe(r.lines[0].line);
  const first = await srv.client.call('events.get_task_log_lines', { task, from_line: 0, count: 1000 });
  expect(first.lines[0].line).toBe(0);
  expect(first.lines.length).toBe(r.lines.length);
});

it('answers a chart asked for more than 100,000 samples at 100,000 points, not with every point', async () => {
  const big = (await srv.client.call('tasks.create', { name: 'long series', type: 'training' })).id;
  const POINTS = 120_000;
  for (let from = 0; from < POINTS; from += 10_000) {
    await srv.client.call(
      'events.add_batch',
      Array.from({ length: 10_000 }, (_, i) => ({
        type: 'training_stats_scalar',
        task: big,
        metric: 'loss',
        variant: 'train',
        iter: from + i,
        value: Math.sin(from + i),
      })),
    );
  }
  const all = await srv.client.call('events.scalar_metrics_iter_histogram', { task: big, samples: 1_000_000 });
  expect(all.loss.train.x.length).toBe(100_000);
  const few = await srv.client.call('events.scalar_metrics_iter_histogram', { task: big, samples: 500 });
  expect(few.loss.train.x.length).toBe(500);
}, 120_000);
