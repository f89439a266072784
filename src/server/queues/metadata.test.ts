/**
 * Queue metadata as clearml-server keeps it (queues.conf 2.13): a map from key to {key, type, value}, given whole to
 * queues.create and queues.update, changed item by item by queues.add_or_update_metadata (all replaced with
 * replace_metadata) and queues.delete_metadata. A refusal (too many keys, an unknown queue) changes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let queue: string;

beforeAll(async () => {
  srv = await startTestServer();
  queue = (
    await srv.client.call('queues.create', {
      name: 'gpu-a100',
      metadata: { gpus: { key: 'gpus', type: 'int', value: '8' }, site: { key: 'ignored', value: 'lab 2' } },
    })
  ).id;
});
afterAll(() => srv?.stop());

const metadata = async () => (await srv.client.call('queues.get_by_id', { queue })).queue.metadata;

it('keeps the metadata a queue is created with, each item under its key', async () => {
  expect(await metadata()).toEqual({ gpus: { key: 'gpus', type: 'int', value: '8' }, site: { key: 'site', value: 'lab 2' } });
});

it('adds and updates items, or replaces them all', async () => {
  const add = (items: unknown[], replace_metadata?: boolean) =>
    srv.client.call('queues.add_or_update_metadata', { queue, metadata: items as never, replace_metadata });
  expect(
    await add([
      { key: 'gpus', type: 'int', value: '4' },
      { key: 'owner', value: 'vision team' },
    ]),
  ).toEqual({ updated: 1 });
  expect(await metadata()).toEqual({
    gpus: { key: 'gpus', type: 'int', value: '4' },
    site: { key: 'site', value: 'lab 2' },
    owner: { key: 'owner', value: 'vision team' },
  });
  await add([{ key: 'only', type: null, value: 'this' }], true);
  expect(await metadata()).toEqual({ only: { key: 'only', value: 'this' } });
});

it('deletes the keys named, and says when it held none of them', async () => {
  await srv.client.call('queues.update', {
    queue,
    metadata: { a: { key: 'a', value: '1' }, b: { key: 'b', value: '2' } },
  });
  expect(await srv.client.call('queues.delete_metadata', { queue, keys: ['a', 'zzz'] })).toEqual({ updated: 1 });
  expect(await metadata()).toEqual({ b: { key: 'b', value: '2' } });
  expect(await srv.client.call('queues.delete_metadata', { queue, keys: ['zzz'] })).toEqual({ updated: 0 });
});

it('refuses more than 1,000 keys and an unknown queue, changing nothing', async () => {
  const before = await metadata();
  const many = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  await expect(srv.client.call('queues.add_or_update_metadata', { queue, metadata: many })).rejects.toMatchObject({
    code: 400,
  });
  expect(await metadata()).toEqual(before);
  await expect(
    srv.client.call('queues.add_or_update_metadata', { queue: 'f'.repeat(32), metadata: [{ key: 'x', value: 'y' }] }),
  ).rejects.toMatchObject({ subcode: 701 });
});
