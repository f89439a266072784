/**
 * Conformance: the recorded ClearML SDK 1.17 sessions, replayed request by request
 * against a fresh server, are all answered 200, and everything they recorded reads
 * back through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact, Task } from '../shared/api/records';
import { TASK_STATUSES, TASK_TYPES } from '../shared/task-state';
import { readTranscript, replay, type Recorded } from './testing/replay';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from './testing/server';

const BASIC = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Ev {
  type: string;
  metric?: string;
  variant?: string;
  iter?: number;
  value?: number;
  msg?: string;
  plot_str?: string;
}

function lastRequest(records: Recorded[], endpoint: string, has: string): Record<string, unknown> {
  const r = records.filter((x) => x.endpoint === endpoint && (x.request as Record<string, unknown>)?.[has] !== undefined).pop();
  if (!r) throw new Error(`no ${endpoint} with ${has} in transcript`);
  return r.request as Record<string, unknown>;
}

function recordedEvents(records: Recorded[]): Ev[] {
  return records.filter((r) => r.endpoint === 'events.add_batch').flatMap((r) => r.request as Ev[]);
}

describe.each([['sdk-transcript.jsonl'], ['sdk-offline-import-transcript.jsonl']])('replay of %s', (file) => {
  let srv: TestServer;
  let records: Recorded[];
  let run: Awaited<ReturnType<typeof replay>>;
  let task: Task;

  beforeAll(async () => {
    srv = await startTestServer();
    records = readTranscript(file);
    run = await replay(srv.url, srv.client.token!, BASIC, records);
    const created = run.results.find((r) => r.rec.endpoint === 'tasks.create')!;
    task = (await srv.client.call('tasks.get_by_id', { task: (created.data as { id: string }).id })).task;
  });
  afterAll(() => srv?.stop());

  it('answers every recorded request with 200', () => {
    const bad = run.results
      .filter((r) => r.status !== 200)
      .map((r) => `${r.rec.seq} ${r.rec.endpoint ?? r.rec.path}: ${r.status} ${JSON.stringify(r.data).slice(0, 200)}`);
    expect(bad).toEqual([]);
    expect(run.results.length).toBe(records.filter((r) => r.method !== 'CONNECT').length);
  });

  it('issues a JWT with the claims the SDK reads', () => {
    const login = run.results.find((r) => r.rec.endpoint === 'auth.login')!;
    const token = (login.data as { token: string }).token;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(Number(claims.api_version)).toBeGreaterThanOrEqual(2.23);
    expect(claims.feature_set).toBe('basic');
    expect(typeof claims.server_version).toBe('string');
    expect(claims.exp - claims.iat).toBe(30 * 24 * 3600);
  });

  it('returns task fields with the enum values and ISO dates the SDK parses', () => {
    expect(TASK_STATUSES).toContain(task.status);
    expect(TASK_TYPES).toContain(task.type);
    for (const d of [task.created, task.started, task.completed, task.last_update, task.status_changed]) expect(d).toMatch(ISO);
    expect(task.status).toBe('completed');
  });

  it('stores the script, diff and requirements', () => {
    const sent = lastRequest(records, 'tasks.edit', 'script').script as Record<string, unknown>;
    for (const k of ['repository', 'branch', 'version_num', 'entry_point', 'working_dir', 'diff', 'binary']) {
      if (sent[k] !== undefined) expect(task.script[k as keyof Task['script']]).toBe(sent[k]);
    }
    expect(task.script.diff).toContain('uncommitted change');
    const reqs =
      (records.find((r) => r.endpoint === 'tasks.set_requirements')?.request as { requirements?: { pip: string } } | undefined)
        ?.requirements ?? (sent.requirements as { pip: string });
    expect((task.script.requirements as { pip: string }).pip).toBe(reqs.pip);
  });

  it('stores every hyper-parameter section and value, and the configuration', () => {
    const hp = lastRequest(records, 'tasks.edit', 'hyperparams').hyperparams as Task['hyperparams'];
    expect(Object.keys(task.hyperparams).sort()).toEqual(Object.keys(hp).sort());
    for (const [section, params] of Object.entries(hp)) {
      for (const [name, p] of Object.entries(params)) expect(task.hyperparams[section][name].value).toBe(p.value);
    }
    expect(task.hyperparams.Args.lr.value).toBe('0.01');
    const conf = lastRequest(records, 'tasks.edit', 'configuration').configuration as Task['configuration'];
    expect(Object.keys(task.configuration).sort()).toEqual(Object.keys(conf).sort());
    for (const [name, c] of Object.entries(conf)) expect(task.configuration[name].value).toBe(c.value);
  });

  it('lists the artifacts with download URLs that return the uploaded bytes', async () => {
    const uploads = run.results.filter((r) => r.rec.server === 'files' && r.rec.method === 'POST');
    const artifacts = task.execution.artifacts as Artifact[];
    expect(artifacts.length).toBeGreaterThanOrEqual(4);
    for (const a of artifacts) {
      expect(a.uri).toContain(srv.url);
      const bytes = await srv.client.download(a.uri!);
      const upload = uploads.find((u) =>
        (u.sent as { name: string }).name.endsWith(`/artifacts/${a.key}/${decodeURIComponent(a.uri!.split('/').pop()!)}`),
      );
      expect(upload, `upload for ${a.key}`).toBeTruthy();
      expect(bytes.length).toBe((upload!.sent as { size: number }).size);
      expect(a.content_size).toBe(bytes.length);
    }
  });

  it('records the output model when the run made one', async () => {
    const made = records.some((r) => r.endpoint === 'models.create');
    if (!made) {
      expect(task.models.output).toEqual([]);
      return;
    }
    expect(task.models.output).toHaveLength(1);
    const { model } = await srv.client.call('models.get_by_id', { model: task.models.output[0].model });
    expect(model.name).toBe('smoke model');
    expect(model.labels).toEqual({ cat: 0, dog: 1, bird: 2 });
    expect(model.task).toBe(task.id);
    expect(model.uri).toMatch(/models\/weights\.bin$/);
    expect((await srv.client.download(model.uri!.replace(/ /g, '%20'))).length).toBe(2048);
  });

  it('keeps last_iteration and last_metrics as the events arrived', () => {
    const scalars = recordedEvents(records).filter((e) => e.type === 'training_stats_scalar');
    const iters = scalars.map((e) => e.iter!).filter((i) => i > -2147483648);
    expect(task.last_iteration).toBeGreaterThanOrEqual(Math.max(...iters));
    const loss = Object.values(task.last_metrics)
      .flatMap((v) => Object.values(v))
      .find((m) => m.metric === 'loss' && m.variant === 'train')!;
    const sentLoss = scalars.filter((e) => e.metric === 'loss' && e.variant === 'train');
    const last = sentLoss.reduce((a, b) => (b.iter! >= a.iter! ? b : a));
    expect(loss.value).toBe(last.value);
    expect(loss.min_value).toBe(Math.min(...sentLoss.map((e) => e.value!)));
    expect(loss.max_value).toBe(Math.max(...sentLoss.map((e) => e.value!)));
  });

  it('returns scalars equal to what was sent', async () => {
    const sent = recordedEvents(records).filter((e) => e.type === 'training_stats_scalar');
    const hist = await srv.client.call('events.scalar_metrics_iter_histogram', { task: task.id, key: 'iter' });
    const expected: Record<string, Record<string, { x: number[]; y: number[] }>> = {};
    for (const e of sent) {
      const s = ((expected[e.metric!] ??= {})[e.variant!] ??= { x: [], y: [] });
      s.x.push(e.iter!);
      s.y.push(e.value!);
    }
    for (const [metric, variants] of Object.entries(expected)) {
      for (const [variant, s] of Object.entries(variants)) {
        const order = s.x.map((_, i) => i).sort((a, b) => s.x[a] - s.x[b]);
        expect(hist[metric]?.[variant]?.x, `${metric}/${variant}`).toEqual(order.map((i) => s.x[i]));
        expect(hist[metric][variant].y).toEqual(order.map((i) => s.y[i]));
      }
    }
  });

  it('returns the plots (latest per metric/variant) and the console text', async () => {
    // The events as sent, with recorded ids and URLs mapped to this server's.
    const sent = run.results
      .filter((r) => r.rec.endpoint === 'events.add_batch')
      .flatMap((r) => (r.sent as string).split('\n').map((l) => JSON.parse(l) as Ev));
    const plots = await srv.client.call('events.get_task_plots', { task: task.id, iters: 1 });
    const keys = new Set(sent.filter((e) => e.type === 'plot').map((e) => `${e.metric}/${e.variant}`));
    expect(new Set(plots.plots.map((p) => `${p.metric}/${p.variant}`))).toEqual(keys);
    for (const p of plots.plots) expect(() => JSON.parse(p.plot_str!)).not.toThrow();
    const log = await srv.client.call('events.get_task_log', {
      task: task.id,
      order: 'asc',
      navigate_earlier: true,
      batch_size: 1000,
    });
    expect(log.events.map((e) => e.msg)).toEqual(sent.filter((e) => e.type === 'log').map((e) => e.msg));
    const images = await srv.client.call('events.debug_images', {
      metrics: [{ task: task.id }],
      iters: 1,
    });
    const image = images.metrics[0].iterations[0]?.events[0];
    expect(image?.url).toContain(srv.url);
    expect((await srv.client.download(image.url!)).length).toBeGreaterThan(0);
  });
});
