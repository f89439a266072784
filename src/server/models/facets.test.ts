/**
 * The models' frameworks, metadata keys and a key's values (models.get_frameworks,
 * projects.get_model_metadata_keys / _values) are read a page of models at a time on a reader thread: over more
 * models than a page, the values of the last models read count too. Planted here: 2,101 models, the one with the
 * greatest id alone holding framework "Zeta" and metadata key "rare".
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Model } from '../../shared/api/records';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let project: string;
let sub: string;
let other: string;

const MANY = 2101;
const at = '2026-01-01T00:00:00.000Z';

function model(i: number, projectId: string, framework: string, metadata: Model['metadata']): Model {
  const id = `${String(i).padStart(6, '0')}${'a'.repeat(26)}`;
  return {
    ...{ id, name: `m${i}`, user: 'u1', company: 'c1', created: at, last_update: at, tags: [], system_tags: [] },
    ...{ task: null, parent: null, project: projectId, comment: '', framework, design: {}, labels: {} },
    ...{ uri: 'file:///m.pt', ready: false, public: false, metadata },
  };
}

beforeAll(async () => {
  srv = await startTestServer();
  project = (await srv.client.call('projects.create', { name: 'faceted' })).id;
  sub = (await srv.client.call('projects.create', { name: 'faceted/sub' })).id;
  other = (await srv.client.call('projects.create', { name: 'other' })).id;
  const common = { acc: { key: 'acc', type: 'float', value: '0.5' } };
  for (let i = 0; i < MANY; i += 100) {
    const batch = Array.from({ length: Math.min(100, MANY - i) }, (_, k) => {
      const n = i + k;
      return n === MANY - 1
        ? model(n, sub, 'Zeta', { ...common, rare: { key: 'rare', type: 'str', value: 'last' } })
        : model(n, project, 'PyTorch', common);
    });
    await Promise.all(batch.map((m) => srv.store.models.insert(m)));
  }
  await srv.store.models.insert(model(MANY, other, 'Keras', { acc: { key: 'acc', type: 'float', value: '0.9' } }));
});
afterAll(() => srv?.stop());

it('lists the frameworks of every model, the last read included; of a project with its sub-projects', async () => {
  expect(await srv.client.call('models.get_frameworks', {})).toEqual({ frameworks: ['Keras', 'PyTorch', 'Zeta'] });
  expect(await srv.client.call('models.get_frameworks', { projects: [project] })).toEqual({ frameworks: ['PyTorch', 'Zeta'] });
  expect(await srv.client.call('models.get_frameworks', { projects: [other] })).toEqual({ frameworks: ['Keras'] });
});

it('lists metadata keys and a key’s values over every page of models', async () => {
  expect(await srv.client.call('projects.get_model_metadata_keys', { project })).toEqual({
    keys: ['acc', 'rare'],
    total: 2,
    remaining: 0,
  });
  expect(await srv.client.call('projects.get_model_metadata_keys', { project, include_subprojects: false })).toMatchObject({
    keys: ['acc'],
  });
  expect(await srv.client.call('projects.get_model_metadata_values', { key: 'acc' })).toMatchObject({
    values: ['0.5', '0.9'],
  });
  expect(await srv.client.call('projects.get_model_metadata_values', { key: 'rare', projects: [project] })).toMatchObject({
    values: ['last'],
  });
});

it('reads them on a reader thread', async () => {
  const run = vi.spyOn(srv.runtime.readers!, 'run');
  try {
    await srv.client.call('models.get_frameworks', {});
    await srv.client.call('projects.get_model_metadata_keys', {});
    await srv.client.call('projects.get_model_metadata_values', { key: 'acc' });
    expect(run.mock.calls.map(([job]) => job)).toEqual(['modelFacet', 'modelFacet', 'modelFacet']);
  } finally {
    run.mockRestore();
  }
});
