/**
 * Conformance of the further SDK 1.17 flows (sdk-more-flows.md): datasets, task deletion,
 * models with metadata and metrics, pipelines. Each recording is replayed against a fresh
 * server; every call must be answered 200, and what it recorded must read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../shared/api/records';
import { readTranscript, rawRequest, replay, type Recorded } from './testing/replay';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from './testing/server';

const BASIC = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;

type Run = Awaited<ReturnType<typeof replay>>;

function failures(run: Run): string[] {
  return run.results
    .filter((r) => r.status !== 200)
    .map((r) => `${r.rec.seq} ${r.rec.endpoint ?? r.rec.path}: ${r.status} ${JSON.stringify(r.data).slice(0, 200)}`);
}

/** The id our server gave to what the recording created at `seq`. */
function createdAt(run: Run, seq: number): string {
  const r = run.results.find((x) => x.rec.seq === seq)!;
  return (r.data as { id: string }).id;
}

function setup(file: string) {
  const ctx = {} as { srv: TestServer; records: Recorded[]; run: Run };
  beforeAll(async () => {
    ctx.srv = await startTestServer();
    ctx.records = readTranscript(file);
    ctx.run = await replay(ctx.srv.url, ctx.srv.client.token!, BASIC, ctx.records);
  });
  afterAll(() => ctx.srv?.stop());
  return ctx;
}

describe('replay of sdk-dataset-transcript.jsonl', () => {
  const c = setup('sdk-dataset-transcript.jsonl');

  it('answers every recorded request with 200', () => {
    expect(failures(c.run)).toEqual([]);
  });

  it('gives every dataset task a runtime object where the SDK crashed (seq 16, 111, 232)', () => {
    for (const seq of [16, 111, 232]) {
      const r = c.run.results.find((x) => x.rec.seq === seq)!;
      expect(r.rec.endpoint).toBe('tasks.get_all');
      const tasks = (r.data as { tasks: { runtime?: Record<string, unknown> }[] }).tasks;
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) expect(t.runtime, `seq ${seq}`).toBeTypeOf('object');
    }
  });

  it('keeps both dataset versions, the child naming its parent, with their files and artifacts', async () => {
    const parent = createdAt(c.run, 19);
    const child = createdAt(c.run, 119);
    const { tasks } = await c.srv.client.call('tasks.get_all', {
      system_tags: ['dataset'],
      search_hidden: true,
      type: ['data_processing'],
      order_by: ['created'],
    });
    const versioned = tasks.filter((t) => t.runtime.version);
    expect(versioned.map((t) => [t.id, t.runtime.version, t.status])).toEqual([
      [parent, '1.0.0', 'completed'],
      [child, '1.0.1', 'completed'],
    ]);
    // The versionless attempts are there too, each with an empty runtime.
    expect(tasks.filter((t) => !t.runtime.version).map((t) => t.runtime)).toEqual([{}, {}]);

    const byId = new Map(versioned.map((t) => [t.id, t]));
    const struct = JSON.parse(byId.get(child)!.configuration['Dataset Struct'].value) as Record<
      string,
      { job_id: string; parents: string[] }
    >;
    expect(struct['1'].job_id).toBe(parent);
    expect(struct['0'].parents).toEqual(['1']);
    const fileNames = (t: Task) =>
      t.configuration['Dataset Content'].value
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]);
    expect(fileNames(byId.get(parent)!)).toEqual(['file0.txt', 'file1.txt', 'file2.txt', 'sub/nested.csv']);
    expect(fileNames(byId.get(child)!)).toEqual(['extra.txt', 'file1.txt', 'file2.txt', 'sub/nested.csv']);
    expect(byId.get(child)!.runtime).toMatchObject({ ds_file_count: 4, ds_change_add: 1, ds_change_remove: 1 });

    const uploads = c.run.results.filter((r) => r.rec.server === 'files' && r.rec.method === 'POST');
    for (const t of versioned) {
      expect(t.execution.artifacts.map((a) => a.key).sort()).toEqual(['data', 'state']);
      for (const a of t.execution.artifacts) {
        const bytes = await c.srv.client.download(a.uri!);
        const stored = decodeURIComponent(a.uri!.slice(a.uri!.indexOf('/files/') + '/files/'.length));
        const sent = uploads.filter((u) => (u.sent as { name: string }).name.replace(/^\/+/, '') === stored);
        expect(sent.length, `upload behind ${a.uri}`).toBeGreaterThan(0);
        expect(bytes.length).toBe((sent[sent.length - 1].sent as { size: number }).size);
      }
    }
  });
});

describe('replay of sdk-delete-transcript.jsonl, then the rest of task.delete()', () => {
  const c = setup('sdk-delete-transcript.jsonl');

  it('answers every recorded request with 200, events.get_task_events included', () => {
    expect(failures(c.run)).toEqual([]);
    const r = c.run.results.find((x) => x.rec.endpoint === 'events.get_task_events')!;
    expect((r.data as { events: { url: string }[] }).events).toHaveLength(1);
  });

  it('deletes the task with its events and stored files as the SDK goes on to do', async () => {
    const task = createdAt(c.run, 4);
    const auth = { Authorization: `Bearer ${c.srv.client.token}` };
    const t = (await c.srv.client.call('tasks.get_by_id', { task })).task;
    const models = (
      await c.srv.client.call('models.get_all', {
        task: [task],
        only_fields: ['id', 'uri'],
      })
    ).models;
    expect(models).toHaveLength(1);

    // What the SDK does after get_task_events (sdk-more-flows.md §2): collect URLs, page until total.
    const urls: string[] = [];
    for (const type of ['training_debug_image', 'plot'] as const) {
      let scroll: string | undefined;
      let seen = 0;
      for (;;) {
        const page = await c.srv.client.call('events.get_task_events', {
          task,
          order: 'asc',
          batch_size: 100,
          event_type: type,
          model_events: false,
          scroll_id: scroll,
        });
        urls.push(...page.events.flatMap((e) => (typeof e.url === 'string' ? [e.url] : [])));
        seen += page.returned;
        scroll = page.scroll_id;
        if (!page.returned || seen >= (page.total ?? 0)) break;
      }
    }
    expect(urls).toHaveLength(1);
    const artifactUris = t.execution.artifacts.filter((a) => a.mode !== 'input').map((a) => a.uri!);
    const files = [...artifactUris, ...urls, models[0].uri!];
    for (const f of files) expect((await rawRequest(f.replace(/ /g, '%20'), 'GET', auth)).status, f).toBe(200);

    await c.srv.client.call('tasks.delete', { task, force: true });
    for (const f of files) expect((await rawRequest(f.replace(/ /g, '%20'), 'DELETE', auth)).status, `DELETE ${f}`).toBe(200);
    await expect(c.srv.client.call('models.delete', { model: models[0].id, force: false })).rejects.toMatchObject({
      subcode: 201,
    });

    await expect(c.srv.client.call('tasks.get_by_id', { task })).rejects.toMatchObject({ code: 400, subcode: 101 });
    expect(await c.srv.store.events.listSeries([task])).toEqual([]);
    expect(await c.srv.store.events.countLogs(task)).toBe(0);
    expect(await c.srv.store.events.queryEvents({ tasks: [task], type: 'training_debug_image' })).toEqual([]);
    for (const f of files) expect((await rawRequest(f.replace(/ /g, '%20'), 'GET', auth)).status, f).toBe(404);
  });
});

describe('replay of sdk-models-transcript.jsonl', () => {
  const c = setup('sdk-models-transcript.jsonl');

  it('answers every recorded request with 200, metadata and model events included', () => {
    expect(failures(c.run)).toEqual([]);
  });

  it("reads the metadata back as the SDK's get_metadata does, and the model scalars as the web app does", async () => {
    const model = createdAt(c.run, 20);
    const m = (await c.srv.client.call('models.get_by_id', { model })).model;
    expect(m.metadata).toEqual({ accuracy: { key: 'accuracy', type: 'float', value: '0.93' } });
    expect(m.ready).toBe(true);
    const sent = c.records.find((r) => r.seq === 37)!.request as { iter: number; value: number }[];
    const hist = await c.srv.client.call('events.scalar_metrics_iter_histogram', {
      task: model,
      model_events: true,
      key: 'iter',
    });
    expect(hist.model_acc.val).toMatchObject({ x: sent.map((e) => e.iter), y: sent.map((e) => e.value) });
    const task = createdAt(c.run, 4);
    const taskHist = await c.srv.client.call('events.scalar_metrics_iter_histogram', { task });
    expect(taskHist.model_acc).toBeUndefined();
  });
});

describe('replay of sdk-pipeline-transcript.jsonl', () => {
  const c = setup('sdk-pipeline-transcript.jsonl');

  it('answers every recorded request with 200', () => {
    expect(failures(c.run)).toEqual([]);
  });

  it('keeps the controller and its two completed steps, with their parent and returned values', async () => {
    const controller = createdAt(c.run, 5);
    const { tasks } = await c.srv.client.call('tasks.get_all', {
      parent: controller,
      search_hidden: true,
      order_by: ['created'],
    });
    expect(tasks.map((t) => [t.name, t.status])).toEqual([
      ['step_one', 'completed'],
      ['step_two', 'completed'],
    ]);
    expect(tasks[1].hyperparams.return.out.value).toBe('20');
    const ctl = (await c.srv.client.call('tasks.get_by_id', { task: controller })).task;
    expect([ctl.type, ctl.status]).toEqual(['controller', 'completed']);
    expect(Object.keys(ctl.configuration)).toEqual(expect.arrayContaining(['Pipeline', 'step_one', 'step_two']));
  });
});
