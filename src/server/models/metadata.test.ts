import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let model: string;
beforeAll(async () => {
  srv = await startTestServer();
  model = (await srv.client.call('models.create', { name: 'meta', uri: 'file:///m' })).id;
});
afterAll(() => srv?.stop());

const get = async () => (await srv.client.call('models.get_by_id', { model })).model;

it('adds, overwrites, keeps, replaces and deletes metadata, returned as a map keyed by key', async () => {
  // The SDK's set_metadata("accuracy", "0.93", v_type="float") body.
  expect(
    await srv.client.call('models.add_or_update_metadata', {
      model,
      metadata: [{ key: 'accuracy', type: 'float', value: '0.93' }],
      replace_metadata: false,
    }),
  ).toEqual({ updated: 1 });
  expect((await get()).metadata).toEqual({ accuracy: { key: 'accuracy', type: 'float', value: '0.93' } });

  await srv.client.call('models.add_or_update_metadata', {
    model,
    metadata: [
      { key: 'accuracy', type: 'float', value: '0.95' },
      { key: 'epochs', type: 'int', value: '10' },
    ],
  });
  expect((await get()).metadata).toEqual({
    accuracy: { key: 'accuracy', type: 'float', value: '0.95' },
    epochs: { key: 'epochs', type: 'int', value: '10' },
  });

  const listed = await srv.client.call('models.get_all', { id: [model], only_fields: ['id', 'metadata'] });
  expect(listed.models[0].metadata?.epochs.value).toBe('10');

  await srv.client.call('models.add_or_update_metadata', {
    model,
    metadata: [{ key: 'dataset', type: 'str', value: 'v2' }],
    replace_metadata: true,
  });
  expect((await get()).metadata).toEqual({ dataset: { key: 'dataset', type: 'str', value: 'v2' } });

  expect(await srv.client.call('models.delete_metadata', { model, keys: ['dataset', 'absent'] })).toEqual({ updated: 1 });
  expect((await get()).metadata).toEqual({});
  expect(await srv.client.call('models.delete_metadata', { model, keys: ['dataset'] })).toEqual({ updated: 0 });
});

it('keeps a "__proto__" key as data', async () => {
  await srv.client.call('models.add_or_update_metadata', {
    model,
    metadata: [{ key: '__proto__', type: 'str', value: 'x' }],
    replace_metadata: true,
  });
  const m = await get();
  expect(Object.keys(m.metadata ?? {})).toEqual(['__proto__']);
  expect(Object.getPrototypeOf(m.metadata)).toBe(Object.prototype);
});

it('refuses an unknown model or an oversized value and changes nothing', async () => {
  const before = await get();
  await expect(
    srv.client.call('models.add_or_update_metadata', { model: 'nope', metadata: [{ key: 'a', type: 'str', value: '1' }] }),
  ).rejects.toMatchObject({ code: 400, subcode: 201 });
  await expect(
    srv.client.call('models.add_or_update_metadata', { model, metadata: [{ key: 'a', type: 'str', value: 'x'.repeat(5000) }] }),
  ).rejects.toMatchObject({ code: 400, subcode: 12 });
  await expect(srv.client.call('models.delete_metadata', { model: 'nope', keys: ['a'] })).rejects.toMatchObject({
    code: 400,
    subcode: 201,
  });
  expect(await get()).toEqual(before);
});

it('takes metadata as a list in models.edit, as ClearML does', async () => {
  await srv.client.call('models.edit', { model, metadata: [{ key: 'k', type: 'str', value: 'v' }] });
  expect((await get()).metadata).toEqual({ k: { key: 'k', type: 'str', value: 'v' } });
});
