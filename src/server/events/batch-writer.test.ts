import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store/store';
import { startTestServer, type TestServer } from '../testing/server';
import { BatchWriter } from './batch-writer';

it('commits the batches that came while a transaction ran in one transaction, and retries them alone when one throws', async () => {
  const log: string[] = [];
  let open: (() => void) | undefined;
  const store = {
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      log.push('begin');
      try {
        const r = await fn();
        // The first transaction stays open until the test lets it end, so that the others queue meanwhile.
        if (!open && log.length === 2) await new Promise<void>((r) => (open = r));
        log.push('commit');
        return r;
      } catch (e) {
        log.push('rollback');
        throw e;
      }
    },
  } as unknown as Store;
  const writer = new BatchWriter(store);
  const job =
    (name: string, fails = false) =>
    async () => {
      log.push(name);
      if (fails) throw new Error(`${name} failed`);
      return name;
    };
  const a = writer.submit(job('a'));
  await expect.poll(() => open).toBeDefined();
  const rest = [writer.submit(job('b')), writer.submit(job('c', true)), writer.submit(job('d'))];
  open!();
  expect(await a).toBe('a');
  const settled = await Promise.allSettled(rest);
  expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['b', 'c failed', 'd']);
  expect(log).toEqual([
    ...['begin', 'a', 'commit'],
    ...['begin', 'b', 'c', 'rollback'],
    ...['begin', 'b', 'commit'],
    ...['begin', 'c', 'rollback'],
    ...['begin', 'd', 'commit'],
  ]);
});

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ ingestConcurrency: 16 });
});
afterAll(() => srv?.stop());

const lines = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');

it('concurrent batches from several clients each land exactly once, when one of them is refused', async () => {
  const tasks = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => (await srv.client.call('tasks.create', { name: `c${i}`, type: 'training' })).id),
  );
  // Large batches (parsed on the thread) and small ones (inline), sent at once, twice each.
  const sizes = [3000, 20, 2500, 5, 1200, 40];
  const body = (t: number, round: number) =>
    lines(
      Array.from({ length: sizes[t] }, (_, i) => ({
        type: 'training_stats_scalar',
        task: tasks[t],
        metric: 'loss',
        variant: 'train',
        iter: round * sizes[t] + i,
        value: i,
      })),
    );
  const send = async (text: string) => {
    const res = await fetch(`${srv.url}/api/v2.23/events.add_batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${srv.client.token!}`, 'Content-Type': 'application/json-lines' },
      body: text,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        meta: { result_subcode: number; error_data: Record<string, unknown> };
        data: Record<string, unknown>;
      },
    };
  };
  const refused = lines(
    Array.from({ length: 2000 }, (_, i) => ({ type: 'training_stats_scalar', task: 'no-such-task', iter: i, value: 1 })),
  );
  const answers = await Promise.all([
    ...tasks.map((_, t) => send(body(t, 0))),
    send(refused),
    ...tasks.map((_, t) => send(body(t, 1))),
  ]);
  expect(answers.map((a) => a.status)).toEqual([...Array(6).fill(200), 400, ...Array(6).fill(200)]);
  expect(answers[6].body.meta.result_subcode).toBe(131);
  expect(answers[6].body.meta.error_data.errors_info).toEqual({ 'unknown task id no-such-task': 2000 });
  for (const [t, a] of [...answers.slice(0, 6).entries(), ...answers.slice(7).entries()]) {
    expect(a.body.data).toMatchObject({ added: sizes[t], errors: 0 });
  }
  for (const [t, task] of tasks.entries()) {
    const r = await srv.client.call('events.get_scalar_metrics_and_variants', { task });
    expect(r.metrics.loss.train.count).toBe(2 * sizes[t]);
    const [got] = await srv.client.call('tasks.get_all', { id: [task], only_fields: ['last_iteration'] }).then((x) => x.tasks);
    expect(got.last_iteration).toBe(2 * sizes[t] - 1);
  }
});
