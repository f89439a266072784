/**
 * The column picker's lists (projects.get_hyper_parameters, projects.get_unique_metric_variants):
 * every parameter and series some task of the project holds, however many tasks there are, and
 * only while a task there holds it (after moves, resets, deletes and repeated points).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../shared/api/records';
import { makeTask } from '../store/testing/test-store';
import { lossPoint } from '../testing/scalar-event';
import { startTestServer, type TestServer } from '../testing/server';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** More tasks than the 2,000 the lists once sampled. */
const MANY = 2_500;

let srv: TestServer;
let top: string;
let sub: string;
let other: string;

const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
const series = (metric: string, variant: string) => ({
  [md5(metric)]: { [md5(variant)]: { metric, variant, value: 1, min_value: 1, max_value: 1, iter: 1, timestamp: 1, count: 1 } },
});
const param = (section: string, name: string) => ({ [section]: { [name]: { section, name, value: '1' } } });

async function metricNames(project?: string, include_subprojects?: boolean): Promise<string[]> {
  const { metrics } = await srv.client.call('projects.get_unique_metric_variants', { project, include_subprojects });
  for (const m of metrics) {
    expect(m.metric_hash).toBe(md5(m.metric));
    expect(m.variant_hash).toBe(md5(m.variant));
  }
  return metrics.map((m) => `${m.metric}/${m.variant}`);
}

async function paramNames(project?: string, include_subprojects?: boolean): Promise<string[]> {
  const r = await srv.client.call('projects.get_hyper_parameters', { project, include_subprojects });
  return r.parameters.map((p) => `${p.section}/${p.name}`);
}

beforeAll(async () => {
  srv = await startTestServer();
  top = (await srv.client.call('projects.create', { name: 'cols' })).id;
  sub = (await srv.client.call('projects.create', { name: 'cols/sub' })).id;
  other = (await srv.client.call('projects.create', { name: 'elsewhere' })).id;
  // Task 0 is the least recently updated of the project's tasks: a sample of the latest 2,000 leaves it out.
  const tasks: Task[] = Array.from({ length: MANY }, (_, i) =>
    makeTask({
      id: `many${String(i).padStart(5, '0')}`,
      project: top,
      last_update: at(i),
      status: 'completed',
      hyperparams: { ...param('Args', 'lr'), ...(i === 0 ? param('Args', 'rare') : {}) },
      last_metrics: { ...series('loss', 'train'), ...(i === 0 ? series('rare', 'val') : {}) },
    }),
  );
  for (let i = 0; i < tasks.length; i += 25) await Promise.all(tasks.slice(i, i + 25).map((t) => srv.store.tasks.insert(t)));
});
afterAll(() => srv?.stop());

it('lists a parameter and a series only the least recently updated of 2,500 tasks holds', async () => {
  expect(await metricNames(top)).toEqual(['loss/train', 'rare/val']);
  expect(await paramNames(top)).toEqual(['Args/lr', 'Args/rare']);
  expect(await metricNames()).toEqual(['loss/train', 'rare/val']);
  expect(await paramNames()).toEqual(['Args/lr', 'Args/rare']);
  expect(await metricNames(other)).toEqual([]);
  expect(await paramNames(other)).toEqual([]);
});

it('pages the parameters, with the total and what remains', async () => {
  const page = (n: number) => srv.client.call('projects.get_hyper_parameters', { project: top, page: n, page_size: 1 });
  expect(await page(0)).toMatchObject({ parameters: [{ section: 'Args', name: 'lr' }], total: 2, remaining: 1 });
  expect(await page(1)).toMatchObject({ parameters: [{ section: 'Args', name: 'rare' }], total: 2, remaining: 0 });
  expect(await page(2)).toMatchObject({ parameters: [], total: 2, remaining: 0 });
});

it('follows events, sub-projects, moves, resets and deletes', async () => {
  const { id } = await srv.client.call('tasks.create', { name: 'in sub', type: 'training', project: sub });
  await srv.client.call('tasks.edit_hyper_params', {
    task: id,
    hyperparams: [{ section: 'Sub', name: 'depth', value: '3' }],
  });
  // The same series three times: the first point makes its row, the others find it (counted once).
  for (let i = 0; i < 3; i++) await srv.client.call('events.add_batch', [lossPoint(id, 'sub-only', i, i)]);
  expect(await metricNames(top)).toEqual(['loss/sub-only', 'loss/train', 'rare/val']);
  expect(await metricNames(top, false)).toEqual(['loss/train', 'rare/val']);
  expect(await metricNames(sub)).toEqual(['loss/sub-only']);
  expect(await paramNames(top)).toEqual(['Args/lr', 'Args/rare', 'Sub/depth']);
  expect(await paramNames(top, false)).toEqual(['Args/lr', 'Args/rare']);

  await srv.client.call('tasks.move', { ids: [id], project: other });
  expect(await metricNames(top)).toEqual(['loss/train', 'rare/val']);
  expect(await metricNames(other)).toEqual(['loss/sub-only']);
  expect(await paramNames(other)).toEqual(['Sub/depth']);

  await srv.client.call('tasks.reset', { task: id, force: true });
  expect(await metricNames(other)).toEqual([]);

  await srv.client.call('events.add_batch', [lossPoint(id, 'again', 0, 1)]);
  expect(await metricNames(other)).toEqual(['loss/again']);
  await srv.client.call('tasks.delete', { task: id, force: true });
  expect(await metricNames(other)).toEqual([]);
  expect(await paramNames(other)).toEqual([]);

  // The rare holder deleted: what it alone held leaves the lists, what others hold stays.
  await srv.store.tasks.delete('many00000');
  expect(await metricNames(top)).toEqual(['loss/train']);
  expect(await paramNames(top)).toEqual(['Args/lr']);
});
