import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ metricsToken: METRICS_TOKEN });
});
afterAll(() => srv?.stop());

const get = (headers: Record<string, string> = {}) => fetch(`${srv.url}/metrics`, { headers });

/** The value of one sample line, e.g. `taskdeck_requests_total{endpoint="server.info",status="200"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

it('refuses /metrics without credentials', async () => {
  expect((await get()).status).toBe(401);
  expect((await get({ Authorization: 'Bearer not-the-token' })).status).toBe(401);
});

it('serves requests by endpoint, ingest, loop delay and store size in Prometheus text format', async () => {
  for (let i = 0; i < 3; i++) await srv.client.call('server.info', {});
  const { id: task } = await srv.client.call('tasks.create', { name: 'm', type: 'training' });
  const events = Array.from({ length: 25 }, (_, i) => ({
    type: 'training_stats_scalar',
    task,
    metric: 'a',
    variant: 'b',
    iter: i,
    value: i,
  }));
  await srv.client.call('events.add_batch', events);
  await expect
    .poll(async () => {
      const text = await (await get({ Authorization: `Bearer ${METRICS_TOKEN}` })).text();
      return sample(text, 'taskdeck_requests_total{endpoint="server.info",status="200"}');
    })
    .toBe(3);
  const res = await get({ Authorization: `Bearer ${srv.client.token!}` });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  expect(sample(text, 'taskdeck_ingest_events_total')).toBe(25);
  expect(sample(text, 'taskdeck_request_duration_seconds_count{endpoint="events.add_batch"}')).toBe(1);
  expect(sample(text, 'taskdeck_event_loop_delay_seconds{quantile="0.99"}')).toBeGreaterThan(0);
  expect(sample(text, 'taskdeck_store_bytes')).toBeGreaterThan(4096);
  expect(sample(text, 'taskdeck_ingest_pending_bytes')).toBe(0);
  // Nothing reads long here: the reader threads hold and wait for nothing.
  expect(sample(text, 'taskdeck_reader_jobs_running')).toBe(0);
  expect(sample(text, 'taskdeck_reader_jobs_waiting')).toBe(0);
});

it('labels unknown endpoints as one series, so made-up names cannot grow the label set', async () => {
  await srv.client.callRaw('no.such_thing_1', {}).catch(() => undefined);
  await srv.client.callRaw('no.such_thing_2', {}).catch(() => undefined);
  await expect
    .poll(async () => {
      const text = await (await get({ Authorization: `Bearer ${METRICS_TOKEN}` })).text();
      expect(text).not.toContain('no.such_thing');
      const unknown = text.split('\n').filter((l) => l.startsWith('taskdeck_requests_total{endpoint="unknown"'));
      return unknown.reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    })
    .toBe(2);
});

it.runIf(fs.existsSync('/proc/thread-self/comm'))(
  "serves the CPU the server's threads used, by the role each thread named itself with (Linux)",
  async () => {
    const { id: task } = await srv.client.call('tasks.create', { name: 'threads', type: 'training' });
    // Over the 16 KiB a body is parsed inline below: this one goes to a parse thread, then to the writer thread.
    const body = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ type: 'training_stats_scalar', task, metric: 'loss', variant: 'train', iter: i, value: i / 400 }),
    ).join('\n');
    expect(body.length).toBeGreaterThan(16 * 1024);
    const res = await fetch(`${srv.url}/api/v2.23/events.add_batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${srv.client.token!}`, 'Content-Type': 'application/json-lines' },
      body,
    });
    expect(res.status).toBe(200);
    const text = await (await get({ Authorization: `Bearer ${METRICS_TOKEN}` })).text();
    const cpu = (thread: string) => sample(text, `taskdeck_thread_cpu_seconds_total{thread="${thread}"}`);
    // This process has run for well over the 10 ms a tick counts.
    expect(cpu('main')).toBeGreaterThan(0);
    for (const thread of ['parse', 'writer', 'other']) expect(cpu(thread), thread).toBeGreaterThanOrEqual(0);
  },
);
