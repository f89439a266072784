/**
 * Issue 13: four clients sending 2 MB batches leave the event loop's heap to the young-generation collector.
 * Without heap-growth.ts, V8 marks the main thread's old generation again right after each full collection once
 * it has had one: a server that has run a while always has. Here a small first limit brings that first full
 * collection on at start (`--initial-old-space-size=4`, megabytes). Without letHeapGrow this test's first case
 * counted 16-23 full collections in its 240 batches, four runs of four, on a quiet machine; with the CI suite
 * running beside it, V8's own factor (picked from its GC's speed against the program's) came out larger and
 * the loop showed in one run of three.
 */
import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { ApiClient } from '../client';
import { letHeapGrow } from './heap-growth';
import { startSourceServer, type SourceServer } from './testing/source-server';

const KEY = { accessKey: 'HEAPGROWTHTESTKEY001', secretKey: 'heap-growth-test-secret-key-00000000000' };
const CLIENTS = 4;
const BATCHES = 60;
const EVENTS = 10_000;

const started: SourceServer[] = [];
afterEach(() => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

/** Batch b of a task: EVENTS scalar events, ten a step, in JSON lines (about 2 MB). */
function body(task: string, b: number): string {
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const iter = b * (EVENTS / 10) + Math.floor(i / 10);
    lines.push(
      `{"timestamp":${1.7e12 + iter},"type":"training_stats_scalar","task":"${task}","iter":${iter},"metric":"m${i % 5}","variant":"v${i % 10}","value":${(i % 997) / 997}}`,
    );
  }
  return lines.join('\n');
}

/**
 * Starts a server process with `nodeArgs` (its first full collection at start), has CLIENTS clients send it
 * BATCHES batches each, checks every batch was stored, and answers how many full collections its main thread
 * ran meanwhile, as its /metrics counts them.
 */
async function fullCollectionsUnderIngest(nodeArgs: string[]): Promise<number> {
  const s = await startSourceServer('taskdeck-heap-', KEY, {}, (x) => started.push(x), [
    '--initial-old-space-size=4',
    ...nodeArgs,
  ]);
  const client = new ApiClient({ baseUrl: s.url, ...KEY });
  const token = await client.login();
  const majorGcs = async () => {
    const res = await fetch(`${s.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    const series = 'taskdeck_process_nodejs_gc_duration_seconds_count{kind="major"}';
    const line = (await res.text()).split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };
  const tasks: string[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const { id } = await client.call('tasks.create', { name: `heap ${c}`, type: 'training' });
    await client.call('tasks.started', { task: id });
    tasks.push(id);
  }
  const send = async (c: number, from: number, to: number) => {
    for (let b = from; b < to; b++) {
      const res = await fetch(`${s.url}/api/v2.23/events.add_batch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json-lines' },
        body: body(tasks[c], b),
      });
      expect(res.status, await res.text()).toBe(200);
    }
  };
  await Promise.all(tasks.map((_, c) => send(c, 0, 5)));
  const before = await majorGcs();
  await Promise.all(tasks.map((_, c) => send(c, 5, 5 + BATCHES)));
  const after = await majorGcs();
  // Every batch stored: each task's last iteration is its last batch's.
  for (const task of tasks) {
    const { task: t } = await client.call('tasks.get_by_id', { task });
    expect(t.last_iteration).toBe((5 + BATCHES) * (EVENTS / 10) - 1);
  }
  return after - before;
}

it('does not mark the main thread full again and again under four clients of 2 MB batches', async () => {
  expect(await fullCollectionsUnderIngest([])).toBeLessThanOrEqual(3);
});

it("leaves an operator's own --heap-growing-percent alone", () => {
  const set: string[] = [];
  letHeapGrow(['--heap-growing-percent=50'], (f) => set.push(f));
  letHeapGrow(['--heap_growing_percent=50'], (f) => set.push(f));
  expect(set).toEqual([]);
  letHeapGrow(['--enable-source-maps'], (f) => set.push(f));
  expect(set).toEqual(['--heap-growing-percent=300']);
});
