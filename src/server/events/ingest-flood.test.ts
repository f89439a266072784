import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

const CAP = 256 * 1024;
const WRITERS = 30;
const BATCHES = 4;
const PER_BATCH = 1000;

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ maxIngestPendingBytes: CAP });
});
afterAll(() => srv?.stop());

function body(task: string, b: number): string {
  const lines: string[] = [];
  for (let i = 0; i < PER_BATCH; i++) {
    const iter = b * PER_BATCH + i;
    lines.push(
      JSON.stringify({
        type: 'training_stats_scalar',
        task,
        metric: 'loss',
        variant: 'train',
        iter,
        value: iter / 7,
        timestamp: 1e12 + iter,
      }),
    );
  }
  return lines.join('\n');
}

it('holds a flood of writers to the ingest byte cap, answers every batch 200 and loses no event', async () => {
  const tasks = await Promise.all(
    Array.from(
      { length: WRITERS },
      async (_, w) => (await srv.client.call('tasks.create', { name: `w${w}`, type: 'training' })).id,
    ),
  );
  const bodies = tasks.map((t) => Array.from({ length: BATCHES }, (_, b) => body(t, b)));
  expect(bodies[0][0].length).toBeLessThan(CAP);
  expect(bodies[0][0].length * WRITERS).toBeGreaterThan(4 * CAP);
  const statuses = await Promise.all(
    tasks.map(async (_, w) => {
      const out: number[] = [];
      for (const text of bodies[w]) {
        const res = await fetch(`${srv.url}/api/v2.23/events.add_batch`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${srv.client.token!}`, 'Content-Type': 'application/json-lines' },
          body: text,
        });
        await res.arrayBuffer();
        out.push(res.status);
      }
      return out;
    }),
  );
  expect(statuses.flat()).toEqual(Array(WRITERS * BATCHES).fill(200));

  const metrics = await (await fetch(`${srv.url}/metrics`, { headers: { Authorization: `Bearer ${srv.client.token!}` } })).text();
  const peak = Number(/^taskdeck_ingest_pending_bytes_peak (\S+)$/m.exec(metrics)![1]);
  expect(peak).toBeLessThanOrEqual(CAP);
  // The writers did overlap: more than one body was held at some moment.
  expect(peak).toBeGreaterThan(bodies[0][0].length);
  expect(Number(/^taskdeck_ingest_events_total (\S+)$/m.exec(metrics)![1])).toBe(WRITERS * BATCHES * PER_BATCH);

  for (const task of tasks) {
    const r = await srv.client.call('events.get_scalar_metrics_and_variants', { task });
    expect(r.metrics.loss.train.count).toBe(BATCHES * PER_BATCH);
  }
});
