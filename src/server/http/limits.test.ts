/** Over a limit, a request is refused with a 400 naming the field and the limit, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromArgs } from '../config';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let auth: Record<string, string>;
let taskId: string;
let snapshot: string;

const snap = async () =>
  JSON.stringify([
    await srv.client.call('tasks.get_all', { search_hidden: true }),
    await srv.client.call('projects.get_all', { search_hidden: true }),
  ]);

async function api(endpoint: string, body: unknown) {
  const res = await rawRequest(
    `${srv.url}/api/v2.23/${endpoint}`,
    'POST',
    { 'Content-Type': 'application/json', ...auth },
    JSON.stringify(body),
  );
  return { status: res.status, msg: JSON.parse(res.body.toString()).meta.result_msg as string };
}

const scalar = (metric: string, variant: string) => ({
  type: 'training_stats_scalar',
  task: taskId,
  metric,
  variant,
  iter: 1,
  value: 0.5,
});

/** An add_batch body of JSON lines, as the ClearML SDK sends it. */
async function jsonLines(events: unknown[]) {
  const res = await rawRequest(
    `${srv.url}/api/v2.23/events.add_batch`,
    'POST',
    { 'Content-Type': 'application/json-lines', ...auth },
    events.map((e) => JSON.stringify(e)).join('\n'),
  );
  return { status: res.status, msg: JSON.parse(res.body.toString()).meta.result_msg as string };
}

beforeAll(async () => {
  srv = await startTestServer({ maxRequestBytes: 8 * 1024 * 1024 });
  auth = { Authorization: `Bearer ${srv.client.token}` };
  taskId = (await srv.client.call('tasks.create', { name: 'limits', type: 'training' })).id;
  snapshot = await snap();
});
afterAll(() => srv?.stop());

describe('request limits', () => {
  const cases: [string, () => Promise<{ status: number; msg: string }>, RegExp][] = [
    [
      'a 1,025-byte task name',
      () => api('tasks.create', { name: 'n'.repeat(1025), type: 'training' }),
      /"name" is 1025 bytes, over the limit of 1024 bytes \(server option --max-name-bytes\)/,
    ],
    [
      'a name of 400 three-byte characters',
      () => api('tasks.edit', { task: taskId, name: '€'.repeat(400) }),
      /"name" is 1200 bytes, over the limit of 1024/,
    ],
    [
      '101 tags added by update_tags',
      () => api('tasks.update_tags', { ids: [taskId], add_tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
      /"add_tags" holds 101 tags, over the limit of 100 \(server option --max-tags\)/,
    ],
    [
      'a 257-byte tag added to models by update_tags',
      () => api('models.update_tags', { ids: ['any'], add_tags: ['t'.repeat(257)] }),
      /a tag in "add_tags" is 257 bytes, over the limit of 256/,
    ],
    ['a 1,025-byte project name', () => api('projects.create', { name: 'p'.repeat(1025) }), /"name" is 1025 bytes/],
    [
      'a 1,025-byte worker id',
      () => api('workers.status_report', { worker: 'w'.repeat(1025), timestamp: Date.now(), machine_stats: { cpu_usage: [1] } }),
      /"worker" is 1025 bytes, over the limit of 1024 bytes/,
    ],
    [
      '101 tags',
      () => api('tasks.edit', { task: taskId, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
      /"tags" holds 101 tags, over the limit of 100 \(server option --max-tags\)/,
    ],
    [
      'a 257-byte tag',
      () => api('tasks.add_or_update_model', { task: taskId, name: 'm', type: 'output', model: 'x', tags: ['t'.repeat(257)] }),
      /a tag in "tags" is 257 bytes, over the limit of 256/,
    ],
    [
      'a 64 KiB + 1 comment',
      () => api('tasks.edit', { task: taskId, comment: 'c'.repeat(65537) }),
      /"comment" is 65537 bytes, over the limit of 65536 bytes \(server option --max-text-bytes\)/,
    ],
    [
      'a 4 MiB + 1 hyper-parameter value',
      () =>
        api('tasks.edit_hyper_params', {
          task: taskId,
          hyperparams: [{ section: 'Args', name: 'lr', value: 'v'.repeat(4 * 1024 * 1024 + 1) }],
        }),
      /"hyperparams.0.value" is 4194305 bytes, over the limit of 4194304 bytes \(server option --max-value-bytes\)/,
    ],
    [
      'a 4 MiB + 1 configuration value',
      () =>
        api('tasks.edit_configuration', { task: taskId, configuration: [{ name: 'c', value: 'v'.repeat(4 * 1024 * 1024 + 1) }] }),
      /"configuration.0.value" is 4194305 bytes/,
    ],
    [
      'a 64 KiB + 1 project description',
      () => api('projects.create', { name: 'described', description: 'd'.repeat(65537) }),
      /"description" is 65537 bytes, over the limit of 65536 bytes \(server option --max-text-bytes\)/,
    ],
    [
      "a 64 KiB + 1 project's default output destination",
      () => api('projects.create', { name: 'destined', default_output_destination: 's'.repeat(65537) }),
      /"default_output_destination" is 65537 bytes, over the limit of 65536 bytes \(server option --max-text-bytes\)/,
    ],
    [
      "a 64 KiB + 1 model's URI",
      () => api('models.create', { name: 'far', uri: 'u'.repeat(65537) }),
      /"uri" is 65537 bytes, over the limit of 65536 bytes/,
    ],
    [
      "a 64 KiB + 1 script's repository",
      () => api('tasks.edit', { task: taskId, script: { repository: 'r'.repeat(65537) } }),
      /"script.repository" is 65537 bytes/,
    ],
    [
      "a 64 KiB + 1 script's git tag",
      () => api('tasks.edit', { task: taskId, script: { tag: 't'.repeat(65537) } }),
      /"script.tag" is 65537 bytes/,
    ],
    [
      'a 1,025-byte metric name in an add_batch of JSON lines (the scanned path)',
      () => jsonLines([scalar('m'.repeat(1025), 'v'), scalar('loss', 'train')]),
      /"0.metric" is 1025 bytes, over the limit of 1024 bytes \(server option --max-name-bytes\)/,
    ],
    [
      'a 1,025-byte variant name in an add_batch of JSON lines, after a plain scalar',
      () => jsonLines([scalar('loss', 'train'), scalar('loss', 'v'.repeat(1025))]),
      /"1.variant" is 1025 bytes, over the limit of 1024 bytes/,
    ],
    [
      'a 1,025-byte variant name in an add_batch of JSON',
      () => api('events.add_batch', [scalar('loss', 'v'.repeat(1025))]),
      /"0.variant" is 1025 bytes, over the limit of 1024 bytes/,
    ],
    [
      "a 1,025-byte artifact's key",
      () =>
        api('tasks.add_or_update_artifacts', { task: taskId, artifacts: [{ key: 'k'.repeat(1025), type: 'custom', uri: 'x' }] }),
      /"artifacts.0.key" is 1025 bytes, over the limit of 1024 bytes/,
    ],
    [
      "a 1,025-byte hyper-parameter's section",
      () =>
        api('tasks.edit_hyper_params', { task: taskId, hyperparams: [{ section: 's'.repeat(1025), name: 'lr', value: '1' }] }),
      /"hyperparams.0.section" is 1025 bytes/,
    ],
    [
      'a 4 MiB + 1 runtime value',
      () => api('tasks.edit', { task: taskId, runtime: { big: 'r'.repeat(4 * 1024 * 1024 + 1) } }),
      /"runtime.big" is 4194305 bytes, over the limit of 4194304 bytes \(server option --max-value-bytes\)/,
    ],
    [
      'a task name holding a right-to-left override (U+202E)',
      () => api('tasks.create', { name: 'report\u202Efdp.exe', type: 'training' }),
      /"name" holds the bidirectional control character U\+202E, which makes a name read on screen as another/,
    ],
    [
      'a tag holding a left-to-right isolate (U+2066)',
      () => api('tasks.edit', { task: taskId, tags: ['ok', 'a\u2066b'] }),
      /"tags.1" holds the bidirectional control character U\+2066/,
    ],
    [
      "a queue's display name holding a right-to-left embedding (U+202B)",
      () => api('queues.create', { name: 'q', display_name: 'x\u202By' }),
      /"display_name" holds the bidirectional control character U\+202B/,
    ],
    [
      '10,001 task ids',
      () => api('tasks.delete_many', { ids: Array.from({ length: 10_001 }, (_, i) => `id${i}`) }),
      /10001.*over the limit of 10000.*--max-ids/,
    ],
    [
      'a body nested 65 deep',
      () => api('tasks.edit', { task: taskId, comment: 'x', runtime: JSON.parse('{"a":'.repeat(65) + '1' + '}'.repeat(65)) }),
      /deep.*64.*--max-json-depth|--max-json-depth.*64/,
    ],
    [
      'a body over --max-request-bytes',
      () => api('tasks.edit', { task: taskId, script: { diff: 'd'.repeat(9 * 1024 * 1024) } }),
      /over the limit of 8388608 bytes/,
    ],
  ];
  for (const [name, run, msg] of cases) {
    it(`refuses ${name}`, async () => {
      const r = await run();
      expect(r.status === 400 || r.status === 413, `${r.status} ${r.msg}`).toBe(true);
      expect(r.msg).toMatch(msg);
      expect(await snap()).toBe(snapshot);
    });
  }

  it('accepts a right-to-left name, and its right-to-left mark (U+200F)', async () => {
    const name = 'ניסוי\u200F 1';
    const { id } = await srv.client.call('tasks.create', { name, type: 'training' });
    expect((await srv.client.call('tasks.get_by_id', { task: id })).task.name).toBe(name);
    await srv.client.call('tasks.delete', { task: id });
  });

  it('accepts values at the limits', async () => {
    await srv.client.call('tasks.edit', {
      task: taskId,
      name: 'n'.repeat(1024),
      comment: 'c'.repeat(65536),
      tags: Array.from({ length: 100 }, (_, i) => `t${i}`.padEnd(256, 'x')),
    });
    // A dataset's content listing (15,000 lines of path, size and hash) is a configuration value of a few MiB.
    await srv.client.call('tasks.edit_configuration', {
      task: taskId,
      configuration: [{ name: 'Dataset Content', value: 'v'.repeat(4 * 1024 * 1024) }],
    });
    const t = (await srv.client.call('tasks.get_by_id', { task: taskId })).task;
    expect(t.configuration['Dataset Content'].value).toHaveLength(4 * 1024 * 1024);
    expect(t.name).toHaveLength(1024);
    expect(t.tags).toHaveLength(100);
  });

  it('refuses update_tags calls that would take a task or a model over 100 tags, changing nothing', async () => {
    const tags = Array.from({ length: 60 }, (_, i) => `old${i}`);
    const task = (await srv.client.call('tasks.create', { name: 'tagged', type: 'training', tags })).id;
    const model = (await srv.client.call('models.create', { name: 'tagged', uri: 'file:///m', tags })).id;
    const more = (n: number) => Array.from({ length: n }, (_, i) => `new${i}`);
    const tagsNow = async () => [
      (await srv.client.call('tasks.get_by_id', { task })).task.tags,
      (await srv.client.call('models.get_by_id', { model })).model.tags,
    ];
    // 60 + 41 new; the 5 already held are not counted twice.
    for (const [endpoint, ids] of [
      ['tasks.update_tags', [task]],
      ['models.update_tags', [model]],
    ] as const) {
      const r = await api(endpoint, { ids, add_tags: [...more(41), ...tags.slice(0, 5)] });
      expect(r.status, r.msg).toBe(400);
      expect(r.msg).toMatch(/would hold 101 tags, over the limit of 100 \(server option --max-tags\)/);
    }
    expect(await tagsNow()).toEqual([tags, tags]);
    // Removing makes room: 60 - 1 + 41.
    await srv.client.call('tasks.update_tags', { ids: [task], add_tags: more(41), remove_tags: ['old0'] });
    await srv.client.call('models.update_tags', { ids: [model], add_tags: more(41), remove_tags: ['old0'] });
    expect((await tagsNow()).map((t) => t.length)).toEqual([100, 100]);
  });

  it('reads every limit from a flag or a TASKDECK_ variable', () => {
    const c = configFromArgs(['--max-name-bytes', '10', '--max-ids', '5', '--max-request-bytes', '99', '--host', '127.0.0.1'], {
      TASKDECK_MAX_JSON_DEPTH: '7',
      TASKDECK_MAX_PAGE_SIZE: '30',
    });
    expect([c.maxNameBytes, c.maxIds, c.maxRequestBytes, c.maxJsonDepth, c.maxPageSize, c.host]).toEqual([
      10,
      5,
      99,
      7,
      30,
      '127.0.0.1',
    ]);
    expect(() => configFromArgs(['--max-tags', 'many'], {})).toThrow(/max-tags/);
  });
});

describe('paging caps', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ defaultPageSize: 3, maxPageSize: 5 });
    for (let i = 0; i < 8; i++) await small.client.call('tasks.create', { name: `t${i}`, type: 'training' });
  });
  afterAll(() => small?.stop());

  it('gives an unpaged list the default page, never more than the maximum, and every id asked for', async () => {
    const all = async (body: Record<string, unknown>) =>
      (await small.client.call('tasks.get_all_ex', { only_fields: ['id'], ...body })).tasks;
    expect(await all({})).toHaveLength(3);
    expect(await all({ page: 0, page_size: 100 })).toHaveLength(5);
    expect(await all({ page: 1, page_size: 5 })).toHaveLength(3);
    expect(await all({ page: 1, page_size: 6 }), 'page 1 of 6 starts at the 7th task, capped or not').toHaveLength(2);
    const ids = (await all({ page: 0, page_size: 5 }))
      .map((t) => t.id)
      .concat((await all({ page: 1, page_size: 5 })).map((t) => t.id));
    expect(new Set(ids).size).toBe(8);
    expect(await all({ id: ids })).toHaveLength(8);
    const scrolled = await small.client.call('tasks.get_all', { size: 50 });
    expect(scrolled.tasks).toHaveLength(5);
  });
});

describe('record size cap', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ maxRecordBytes: 200 * 1024 });
  });
  afterAll(() => small?.stop());

  it('refuses a call that would take a task over --max-record-bytes, calls one after another too, changing nothing', async () => {
    const c = small.client;
    const task = (await c.call('tasks.create', { name: 'growing', type: 'training' })).id;
    await c.call('tasks.started', { task });
    const artifact = (key: string) => ({ key, type: 'custom', uri: `https://files/${'u'.repeat(60 * 1024)}` });
    for (const key of ['a', 'b', 'c']) await c.call('tasks.add_or_update_artifacts', { task, artifacts: [artifact(key)] });
    const before = (await c.call('tasks.get_by_id', { task })).task;
    await expect(c.call('tasks.add_or_update_artifacts', { task, artifacts: [artifact('d')] })).rejects.toMatchObject({
      code: 400,
      detail: expect.stringMatching(
        /the record would be \d+ bytes, over the limit of 204800 bytes \(server option --max-record-bytes\)/,
      ),
    });
    await expect(
      c.call('tasks.edit_hyper_params', { task, hyperparams: [{ section: 'Args', name: 'big', value: 'v'.repeat(60 * 1024) }] }),
    ).rejects.toMatchObject({ code: 400 });
    expect((await c.call('tasks.get_by_id', { task })).task).toEqual(before);
    // A change that adds nothing still goes through.
    await c.call('tasks.completed', { task });
    expect((await c.call('tasks.get_by_id', { task })).task.status).toBe('completed');
  });

  it('refuses a clone over the cap, and leaves a task stored over it free to be renamed or to change status', async () => {
    const c = small.client;
    const source = (await c.call('tasks.create', { name: 'source', type: 'training' })).id;
    const big = { script: { entry_point: 'x'.repeat(250 * 1024) } };
    await expect(c.call('tasks.clone', { task: source, execution_overrides: big })).rejects.toMatchObject({ code: 400 });
    expect((await c.call('tasks.get_all', { name: '^Clone Of source' })).tasks).toEqual([]);
    // A task stored before the cap (written past the API here).
    const stored = (await small.store.tasks.get(source))!;
    await small.store.tasks.update({ ...stored, comment: 'c'.repeat(250 * 1024) });
    await c.call('tasks.edit', { task: source, name: 'renamed', tags: ['kept'] });
    await expect(c.call('tasks.edit', { task: source, script: { entry_point: 'y.py' } })).rejects.toMatchObject({ code: 400 });
    await c.call('tasks.enqueue', { task: source });
    expect((await c.call('tasks.get_by_id', { task: source })).task).toMatchObject({ name: 'renamed', status: 'queued' });
  });

  it('refuses a model or a queue over the cap in one call', async () => {
    const c = small.client;
    const labels = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`label-${i}`, i]));
    await expect(c.call('models.create', { name: 'huge', uri: 'file:///m', labels })).rejects.toMatchObject({ code: 400 });
    expect((await c.call('models.get_all', { name: '^huge$' })).models).toEqual([]);
    const metadata = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`k${i}`, { key: `k${i}`, type: 'str', value: 'v'.repeat(4000) }]),
    );
    await expect(c.call('queues.create', { name: 'heavy', metadata })).rejects.toMatchObject({ code: 400 });
    expect((await c.call('queues.get_all', { name: '^heavy$' })).queues).toEqual([]);
  });
});
