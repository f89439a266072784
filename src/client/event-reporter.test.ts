import { expect, it } from 'vitest';
import { ApiCallError, ApiClient } from './index';
import { EventReporter, type TaskEvent } from './event-reporter';

/** A client whose add_batch fails `failures` times with a network error before it takes events. */
function flakyClient(failures: number, refuse = false) {
  const received: TaskEvent[][] = [];
  let calls = 0;
  const client = new ApiClient({ baseUrl: 'http://unused', token: 't' });
  client.call = (async (_endpoint: string, body: unknown) => {
    calls++;
    if (refuse) throw new ApiCallError('events.add_batch', 400, 12, 'bad event');
    if (calls <= failures) throw new TypeError('fetch failed');
    received.push(body as TaskEvent[]);
    return {};
  }) as ApiClient['call'];
  return { client, received, calls: () => calls };
}

const ev = (i: number): TaskEvent => ({
  type: 'training_stats_scalar',
  task: 't',
  timestamp: i,
  metric: 'm',
  variant: 'v',
  value: i,
  iter: i,
});
const noWarn = () => {};

it('retries with backoff until the server takes the batch, in order and complete', async () => {
  const f = flakyClient(2);
  const r = new EventReporter(f.client, { flushMs: 60_000, batchSize: 3, warn: noWarn });
  for (let i = 0; i < 7; i++) r.add(ev(i));
  await r.close();
  expect(f.received.flat().map((e) => e.iter)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(f.calls()).toBe(2 + 3);
});

it('bounds memory by dropping the oldest events and says how many', async () => {
  const f = flakyClient(0);
  const warnings: string[] = [];
  const r = new EventReporter(f.client, { flushMs: 60_000, batchSize: 1000, maxQueued: 5, warn: (m) => warnings.push(m) });
  for (let i = 0; i < 8; i++) r.add(ev(i));
  expect(r.pending).toBe(5);
  await r.close();
  expect(f.received.flat().map((e) => e.iter)).toEqual([3, 4, 5, 6, 7]);
  expect(warnings).toEqual(['3 events were dropped: more than 5 waited for the server']);
});

it('does not retry a batch the server refuses', async () => {
  const f = flakyClient(0, true);
  const warnings: string[] = [];
  const r = new EventReporter(f.client, { flushMs: 60_000, warn: (m) => warnings.push(m) });
  r.add(ev(1));
  await r.close();
  expect(f.calls()).toBe(1);
  expect(warnings[0]).toMatch(/gave up sending 1 events: .*bad event/);
});
