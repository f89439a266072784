/** A task may hold at most --max-hyperparams hyperparameters and --max-config-items configuration items; over them, nothing is stored. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ maxHyperparams: 5, maxConfigItems: 2 });
});
afterAll(() => srv?.stop());

async function api(endpoint: string, body: unknown) {
  const res = await rawRequest(
    `${srv.url}/api/v2.23/${endpoint}`,
    'POST',
    { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.client.token}` },
    JSON.stringify(body),
  );
  const meta = JSON.parse(res.body.toString()).meta as { result_subcode: number; result_msg: string };
  return { status: res.status, subcode: meta.result_subcode, msg: meta.result_msg };
}

const params = (section: string, n: number, from = 0) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${from + i}`, { section, name: `p${from + i}`, value: String(i) }]));
const names = async () => (await srv.client.call('tasks.get_all', { search_hidden: true })).tasks.map((t) => t.name);

it('refuses to create a task over the caps, and creates none', async () => {
  const before = await names();
  expect(
    await api('tasks.create', { name: 'six', type: 'training', hyperparams: { A: params('A', 3), B: params('B', 3) } }),
  ).toEqual({
    status: 400,
    subcode: 12,
    msg: 'Limit exceeded in tasks.create: the task would hold 6 hyperparameters, over the limit of 5 (server option --max-hyperparams)',
  });
  const conf = Object.fromEntries(['a', 'b', 'c'].map((n) => [n, { name: n, value: 'x' }]));
  expect(await api('tasks.create', { name: 'three', type: 'training', configuration: conf })).toMatchObject({
    status: 400,
    msg: expect.stringContaining('3 configuration items, over the limit of 2 (server option --max-config-items)'),
  });
  expect(await names()).toEqual(before);
});

it('refuses edits that would take a task over the caps, and leaves it as it was', async () => {
  const { id } = await srv.client.call('tasks.create', {
    name: 'at the cap',
    type: 'training',
    hyperparams: { A: params('A', 5) },
  });
  const stored = async () => (await srv.client.call('tasks.get_by_id', { task: id })).task;
  const before = await stored();
  expect(Object.keys(before.hyperparams.A)).toHaveLength(5);
  expect(
    await api('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'B', name: 'one more', value: '1' }] }),
  ).toMatchObject({ status: 400, msg: expect.stringContaining('would hold 6 hyperparameters') });
  expect(await api('tasks.edit', { task: id, hyperparams: { A: params('A', 6) } })).toMatchObject({ status: 400 });
  const items = ['a', 'b', 'c'].map((n) => ({ name: n, value: 'x' }));
  expect(await api('tasks.edit_configuration', { task: id, configuration: items })).toMatchObject({
    status: 400,
    msg: expect.stringContaining('3 configuration items'),
  });
  expect(await stored()).toEqual(before);
  // Replacing a parameter keeps the count: still allowed.
  expect(
    await api('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'A', name: 'p0', value: '9' }] }),
  ).toMatchObject({
    status: 200,
  });
});
