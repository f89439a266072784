/** Every transition of the lifecycle table, allowed and refused, through the HTTP API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../client';
import type { TaskStatus } from '../../shared/task-state';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;

/** Brings a new task into `status` through the API (forced where the table has no direct path). */
async function taskIn(status: TaskStatus): Promise<string> {
  const { id } = await srv.client.call('tasks.create', { name: `t-${status}`, type: 'training' });
  const c = srv.client;
  switch (status) {
    case 'created':
      break;
    case 'queued':
      await c.call('tasks.enqueue', { task: id });
      break;
    case 'in_progress':
      await c.call('tasks.started', { task: id });
      break;
    case 'stopped':
      await c.call('tasks.started', { task: id });
      await c.call('tasks.stopped', { task: id });
      break;
    case 'failed':
      await c.call('tasks.started', { task: id });
      await c.call('tasks.failed', { task: id });
      break;
    case 'completed':
      await c.call('tasks.started', { task: id });
      await c.call('tasks.completed', { task: id });
      break;
    case 'published':
      await c.call('tasks.started', { task: id });
      await c.call('tasks.completed', { task: id });
      await c.call('tasks.publish', { task: id });
      break;
    case 'closed':
      await c.call('tasks.started', { task: id });
      await c.call('tasks.stopped', { task: id });
      await c.call('tasks.close', { task: id });
      break;
    default:
      throw new Error(`no path to ${status}`);
  }
  expect((await get(id)).status).toBe(status);
  return id;
}

/** The endpoint behind each action and the status it moves a task to (dequeue has rules of its own: see below). */
const ACTION = {
  'tasks.enqueue': 'queued',
  'tasks.started': 'in_progress',
  'tasks.stopped': 'stopped',
  'tasks.failed': 'failed',
  'tasks.completed': 'completed',
  'tasks.publish': 'published',
  'tasks.close': 'closed',
  'tasks.reset': 'created',
} as const satisfies Record<string, TaskStatus>;
type Action = keyof typeof ACTION;

const SOURCES = ['created', 'queued', 'in_progress', 'stopped', 'failed', 'completed', 'published'] as const;

/**
 * ClearML's documented rules (README, Lifecycle), written out by hand so that a wrong table in
 * src/shared/task-state.ts fails this test: for each status, the actions that succeed. Every other
 * action is refused.
 */
const ALLOWED: Record<(typeof SOURCES)[number], readonly Action[]> = {
  created: ['tasks.enqueue', 'tasks.started'],
  queued: ['tasks.reset', 'tasks.started', 'tasks.stopped'],
  in_progress: ['tasks.stopped', 'tasks.failed', 'tasks.reset', 'tasks.completed'],
  stopped: ['tasks.reset', 'tasks.enqueue', 'tasks.started', 'tasks.completed', 'tasks.failed', 'tasks.publish', 'tasks.close'],
  failed: ['tasks.reset', 'tasks.enqueue', 'tasks.stopped', 'tasks.publish'],
  completed: ['tasks.publish', 'tasks.started', 'tasks.reset'],
  published: [],
};

describe('lifecycle table over HTTP', () => {
  it('the literal table names every source status once', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...SOURCES].sort());
  });
  for (const from of SOURCES) {
    for (const action of Object.keys(ACTION) as Action[]) {
      const to = ACTION[action];
      // An action towards the status the task already has is not a transition (reset of a Draft, say).
      if (from === to) continue;
      const allowed = ALLOWED[from].includes(action);
      it(`${action} on a ${from} task is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const id = await taskIn(from);
        const before = await get(id);
        const call = srv.client.call(action, { task: id });
        if (allowed) {
          await call;
          expect((await get(id)).status).toBe(to);
        } else {
          const err = await call.then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, `${action} on a ${from} task should be refused`).toBeInstanceOf(ApiCallError);
          expect((err as ApiCallError).code).toBe(400);
          expect((err as ApiCallError).subcode).toBe(110);
          expect((err as ApiCallError).detail).toContain(id);
          expect((err as ApiCallError).detail).toContain(before.status);
          expect(await get(id)).toEqual(before);
        }
      });
    }
  }
});

describe("tasks.dequeue, clearml-server's rule", () => {
  it('leaves a task neither Pending nor Running as it is, without an error (clearml-agent sends it to any task)', async () => {
    for (const from of ['created', 'stopped', 'failed', 'completed', 'published'] as const) {
      const id = await taskIn(from);
      const before = await get(id);
      expect(await srv.client.call('tasks.dequeue', { task: id }), from).toMatchObject({ updated: 0 });
      expect(await get(id)).toEqual(before);
    }
  });

  it('takes a Pending task back to the status it was enqueued from, or to new_status, out of its queue', async () => {
    const { id: queue } = await srv.client.call('queues.get_default');
    const entries = async () => (await srv.client.call('queues.get_by_id', { queue })).queue.entries.map((e) => e.task);
    const aborted = await taskIn('stopped');
    await srv.client.call('tasks.enqueue', { task: aborted });
    expect(await srv.client.call('tasks.dequeue', { task: aborted })).toMatchObject({ updated: 1, dequeued: 1 });
    expect((await get(aborted)).status).toBe('stopped');
    expect(await entries()).not.toContain(aborted);
    // What clearml-agent sends before it runs a task it took from the queue.
    const draft = await taskIn('created');
    await srv.client.call('tasks.enqueue', { task: draft });
    await srv.client.call('tasks.dequeue', { task: draft, new_status: 'in_progress' });
    expect(await get(draft)).toMatchObject({ status: 'in_progress', execution: expect.objectContaining({ queue: null }) });
    // Running: back to where it was enqueued from, as clearml-server forces it.
    await srv.client.call('tasks.dequeue', { task: draft });
    expect((await get(draft)).status).toBe('created');
  });

  it('takes a task moved from one queue to another back to where it was first enqueued from', async () => {
    const { id: other } = await srv.client.call('queues.create', { name: 'second queue' });
    const aborted = await taskIn('stopped');
    await srv.client.call('tasks.enqueue', { task: aborted });
    await srv.client.call('tasks.enqueue', { task: aborted, queue: other });
    await srv.client.call('tasks.dequeue', { task: aborted });
    expect(await get(aborted)).toMatchObject({ status: 'stopped', execution: expect.objectContaining({ queue: null }) });
  });
});

describe('lifecycle rules', () => {
  it('published tasks refuse changes even with force', async () => {
    const id = await taskIn('published');
    const before = await get(id);
    for (const [ep, body] of [
      ['tasks.reset', { task: id, force: true }],
      ['tasks.started', { task: id, force: true }],
      ['tasks.edit', { task: id, force: true, name: 'x', script: { entry_point: 'other.py' } }],
      ['tasks.edit', { task: id, force: true, hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '1' } } } }],
      ['tasks.edit', { task: id, name: 'x' }],
    ] as const) {
      await expect(srv.client.call(ep, body)).rejects.toMatchObject({ code: 400, subcode: 110 });
    }
    expect(await get(id)).toEqual(before);
  });

  it("a forced edit renames, describes, tags, moves and archives a published task, as the SDK's own edits do", async () => {
    const id = await taskIn('published');
    const { id: project } = await srv.client.call('projects.create', { name: 'published moved here' });
    await srv.client.call('tasks.edit', {
      task: id,
      force: true,
      name: 'renamed',
      comment: 'described',
      tags: ['best'],
      system_tags: ['archived'],
      project,
    });
    expect(await get(id)).toMatchObject({
      name: 'renamed',
      comment: 'described',
      tags: ['best'],
      system_tags: ['archived'],
      project,
      status: 'published',
    });
  });

  it('only Draft tasks take edits unless forced', async () => {
    const id = await taskIn('completed');
    await expect(srv.client.call('tasks.edit', { task: id, name: 'renamed' })).rejects.toMatchObject({ subcode: 110 });
    await expect(
      srv.client.call('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'Args', name: 'lr', value: '1' }] }),
    ).rejects.toThrow(/only Draft tasks can be edited/);
    await srv.client.call('tasks.edit', { task: id, name: 'renamed', force: true });
    expect((await get(id)).name).toBe('renamed');
  });

  it('enqueue and dequeue keep the queue entries consistent with the status', async () => {
    const id = await taskIn('created');
    const { id: queue } = await srv.client.call('queues.get_default');
    await srv.client.call('tasks.enqueue', { task: id });
    let q = (await srv.client.call('queues.get_by_id', { queue })).queue;
    expect(q.entries.map((e) => e.task)).toContain(id);
    expect((await get(id)).execution.queue).toBe(queue);
    await srv.client.call('tasks.dequeue', { task: id });
    q = (await srv.client.call('queues.get_by_id', { queue })).queue;
    expect(q.entries.map((e) => e.task)).not.toContain(id);
    expect((await get(id)).status).toBe('created');
    expect(await srv.client.call('tasks.dequeue', { task: id })).toMatchObject({ updated: 0, dequeued: 0 });
  });

  it('reset deletes outputs and returns the task to Draft', async () => {
    const id = await taskIn('in_progress');
    await srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task: id, metric: 'loss', variant: 'train', iter: 3, value: 0.5 },
      { type: 'log', task: id, msg: 'hello' },
    ]);
    await srv.client.call('tasks.add_or_update_artifacts', {
      task: id,
      artifacts: [
        { key: 'out', type: 'custom', uri: 'x' },
        { key: 'in', type: 'custom', mode: 'input' },
      ],
    });
    await srv.client.call('tasks.stopped', { task: id });
    await srv.client.call('tasks.reset', { task: id });
    const t = await get(id);
    expect(t.status).toBe('created');
    expect(t.last_iteration).toBe(0);
    expect(t.last_metrics).toEqual({});
    expect(t.execution.artifacts.map((a) => a.key)).toEqual(['in']);
    const log = await srv.client.call('events.get_task_log', { task: id });
    expect(log.total).toBe(0);
    expect(await srv.client.call('events.scalar_metrics_iter_histogram', { task: id })).toEqual({});
  });

  it('clone copies the setup into a new Draft with parent set and no outputs', async () => {
    const id = await taskIn('created');
    await srv.client.call('tasks.edit', {
      task: id,
      script: { repository: 'https://example.invalid/r.git', entry_point: 'train.py', requirements: { pip: 'numpy' } },
      hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.1', type: 'float' } } },
      configuration: { cfg: { name: 'cfg', value: 'a: 1', type: 'yaml' } },
      tags: ['keep'],
    });
    await srv.client.call('tasks.started', { task: id });
    await srv.client.call('events.add_batch', [
      { type: 'training_stats_scalar', task: id, metric: 'm', variant: 'v', iter: 1, value: 1 },
    ]);
    await srv.client.call('tasks.completed', { task: id });
    const { id: cloneId } = await srv.client.call('tasks.clone', { task: id, new_task_name: 'copy' });
    const c = await get(cloneId);
    expect(c).toMatchObject({ name: 'copy', status: 'created', parent: id, tags: ['keep'], last_iteration: 0, last_metrics: {} });
    expect(c.script.entry_point).toBe('train.py');
    expect(c.hyperparams.Args.lr.value).toBe('0.1');
    expect(c.configuration.cfg.value).toBe('a: 1');
    expect(await srv.client.call('events.scalar_metrics_iter_histogram', { task: cloneId })).toEqual({});
    // Not named (the SDK's Task.clone without a name): the source's name, as clearml-server gives it.
    const { id: unnamed } = await srv.client.call('tasks.clone', { task: id });
    expect((await get(unnamed)).name).toBe((await get(id)).name);
  });

  it('stop of a development task aborts it at once; of an agent-run task asks the agent', async () => {
    const dev = await taskIn('created');
    await srv.client.call('tasks.edit', { task: dev, system_tags: ['development'] });
    await srv.client.call('tasks.started', { task: dev });
    await srv.client.call('tasks.stop', { task: dev });
    expect((await get(dev)).status).toBe('stopped');

    const run = await taskIn('queued');
    await srv.client.call('tasks.started', { task: run });
    await srv.client.call('tasks.stop', { task: run });
    const t = await get(run);
    // The test client announces no worker, so the task counts as not run by an agent.
    expect(t.status).toBe('stopped');
  });

  it('archive_many reports per task what succeeded and what failed', async () => {
    const a = await taskIn('created');
    const r = await srv.client.call('tasks.archive_many', { ids: [a, 'nonexistent00000000000000000000000'] });
    expect(r.succeeded.map((s) => s.id)).toEqual([a]);
    expect(r.failed[0].error.msg).toMatch(/Invalid task id/);
    expect((await get(a)).system_tags).toContain('archived');
    const again = await srv.client.call('tasks.archive_many', { ids: [a] });
    expect(again.failed[0].error.msg).toMatch(/already archived/);
    const b = await taskIn('created');
    await expect(srv.client.call('tasks.archive', { tasks: [b, a] })).rejects.toThrow(/already archived/);
    expect((await get(b)).system_tags).not.toContain('archived');
  });
});

describe('edit guards and batch actions', () => {
  it('lets User Properties change in any status, other sections only in Draft', async () => {
    const id = await taskIn('completed');
    await srv.client.call('tasks.edit_hyper_params', {
      task: id,
      hyperparams: [{ section: 'properties', name: 'owner', value: 'ana' }],
    });
    expect((await get(id)).hyperparams.properties.owner.value).toBe('ana');
    await expect(
      srv.client.call('tasks.edit_hyper_params', {
        task: id,
        force: true,
        hyperparams: [{ section: 'Args', name: 'lr', value: '1' }],
      }),
    ).rejects.toMatchObject({ subcode: 110 });
  });

  it('archiving aborts a running task and dequeues a pending one', async () => {
    const running = await taskIn('in_progress');
    const pending = await taskIn('queued');
    await srv.client.call('tasks.archive_many', { ids: [running, pending] });
    expect((await get(running)).status).toBe('stopped');
    expect((await get(pending)).status).toBe('created');
  });

  it('archive_many and unarchive_many of an id given twice: the second meets the task as the first left it', async () => {
    const a = await taskIn('queued');
    const r = await srv.client.call('tasks.archive_many', { ids: [a, a] });
    expect(r.succeeded).toEqual([{ id: a, archived: true }]);
    expect(r.failed).toMatchObject([{ id: a, error: { msg: expect.stringMatching(/already archived/) } }]);
    expect(await get(a)).toMatchObject({ status: 'created', system_tags: ['archived'] });
    const back = await srv.client.call('tasks.unarchive_many', { ids: [a, a] });
    expect(back.succeeded).toEqual([{ id: a, unarchived: true }]);
    expect(back.failed).toMatchObject([{ id: a, error: { msg: expect.stringMatching(/not archived/) } }]);
    expect((await get(a)).system_tags).toEqual([]);
  });

  it('enqueue_many reports refused tasks and enqueues the rest', async () => {
    const draft = await taskIn('created');
    const done = await taskIn('completed');
    const r = await srv.client.call('tasks.enqueue_many', { ids: [draft, done] });
    expect(r.succeeded.map((s) => s.id)).toEqual([draft]);
    expect(r.failed[0]).toMatchObject({
      id: done,
      error: { msg: expect.stringMatching(/Completed task cannot become Pending/) },
    });
    expect((await get(done)).status).toBe('completed');
    await srv.client.call('tasks.update_tags', { ids: [draft, done], add_tags: ['best'] });
    expect((await get(done)).tags).toContain('best');
  });
});

describe('delete', () => {
  it('deletes the task, its events and its stored files', async () => {
    const id = await taskIn('in_progress');
    const url = await srv.client.upload(`proj/t.${id}/artifacts/a/a.txt`, new TextEncoder().encode('bytes'));
    const img = await srv.client.upload(`proj/t.${id}/metrics/m/v/m_v_00000001.png`, new Uint8Array([1, 2, 3]));
    await srv.client.call('tasks.add_or_update_artifacts', { task: id, artifacts: [{ key: 'a', type: 'custom', uri: url }] });
    await srv.client.call('events.add_batch', [
      { type: 'training_debug_image', task: id, metric: 'm', variant: 'v', iter: 1, url: img },
    ]);
    await srv.client.call('tasks.stopped', { task: id });
    await expect(srv.client.call('tasks.delete', { task: id })).rejects.toThrow(/only Draft or archived tasks/);
    expect(await srv.client.download(url)).toHaveLength(5);
    const r = await srv.client.call('tasks.delete', { task: id, force: true });
    expect(r).toMatchObject({ deleted: true, deleted_files: 2 });
    await expect(srv.client.download(url)).rejects.toMatchObject({ code: 404 });
    await expect(srv.client.call('tasks.get_by_id', { task: id })).rejects.toMatchObject({ subcode: 101 });
  });
});
