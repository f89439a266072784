/**
 * The record schemas (shared/api/records.ts) are the types the dashboard, SDK and agent read answers
 * with. After replaying the recorded ClearML SDK sessions, every task, model, project, queue and user
 * the server answers must fit them, and a task's stored setup must be accepted back as an edit (the
 * dashboard and `tasks.clone` send it so).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { publicUser } from '../shared/api/accounts';
import { modelRecord, projectRecord, queueRecord, taskRecord, type Task } from '../shared/api/records';
import { tasksAddOrUpdateArtifacts, tasksEdit } from '../shared/api/tasks';
import { readTranscript, replay } from './testing/replay';
import { startTestServer, TEST_ACCESS_KEY, TEST_SECRET_KEY, type TestServer } from './testing/server';

const BASIC = `Basic ${Buffer.from(`${TEST_ACCESS_KEY}:${TEST_SECRET_KEY}`).toString('base64')}`;
const TRANSCRIPTS = ['sdk-transcript.jsonl', 'sdk-dataset-transcript.jsonl', 'sdk-models-transcript.jsonl'];

/** Each record that does not fit, with zod's account of where. */
function misfits(schema: z.ZodType, records: { id: string }[]): string[] {
  return records.flatMap((r) => {
    const res = schema.safeParse(r);
    return res.success ? [] : [`${r.id}: ${JSON.stringify(res.error.issues)}`];
  });
}

describe('records answered after replaying SDK sessions', () => {
  let srv: TestServer;
  let tasks: Task[];

  beforeAll(async () => {
    srv = await startTestServer();
    for (const file of TRANSCRIPTS) {
      const run = await replay(srv.url, srv.client.token!, BASIC, readTranscript(file));
      const failed = run.results.filter((r) => r.status !== 200).map((r) => `${file} ${r.rec.seq} ${r.rec.endpoint}`);
      expect(failed).toEqual([]);
    }
    // A queue holding a task, so its entries are not vacuously empty.
    const { id: queue } = await srv.client.call('queues.create', { name: 'records-test' });
    const { id: draft } = await srv.client.call('tasks.create', { name: 'queued draft', type: 'training' });
    await srv.client.call('tasks.enqueue', { task: draft, queue });
    tasks = (await srv.client.call('tasks.get_all', { search_hidden: true, page_size: 500 })).tasks;
  });
  afterAll(() => srv?.stop());

  it('answers tasks that fit the task record, artifacts, models and last metrics included', () => {
    expect(tasks.some((t) => t.execution.artifacts.length > 0)).toBe(true);
    expect(tasks.some((t) => t.models.output.length > 0)).toBe(true);
    expect(tasks.some((t) => Object.keys(t.last_metrics).length > 0)).toBe(true);
    expect(tasks.some((t) => Object.keys(t.hyperparams).length > 0)).toBe(true);
    expect(misfits(taskRecord, tasks)).toEqual([]);
  });

  it('answers tasks by id that fit the task record', async () => {
    const one = await Promise.all(tasks.map(async (t) => (await srv.client.call('tasks.get_by_id', { task: t.id })).task));
    expect(misfits(taskRecord, one)).toEqual([]);
  });

  it('answers models, projects and queues that fit their records', async () => {
    const { models } = await srv.client.call('models.get_all', {});
    const { projects } = await srv.client.call('projects.get_all', { search_hidden: true });
    const { queues } = await srv.client.call('queues.get_all', {});
    expect(models.some((m) => m.metadata && Object.keys(m.metadata).length > 0)).toBe(true);
    expect(projects.length).toBeGreaterThan(0);
    expect(queues.some((q) => q.entries.length > 0)).toBe(true);
    expect(misfits(modelRecord, models)).toEqual([]);
    expect(misfits(projectRecord, projects)).toEqual([]);
    expect(misfits(queueRecord, queues)).toEqual([]);
  });

  it('answers users that fit the public user record', async () => {
    await srv.client.call('users.create', { login: 'records-viewer', name: 'Records Viewer', role: 'viewer' });
    const { users } = await srv.client.call('users.get_all', {});
    expect(users.map((u) => u.login).sort()).toEqual(['admin', 'records-viewer']);
    expect(misfits(publicUser, users)).toEqual([]);
  });

  it("takes a task's stored setup back as an edit and its artifacts as an update", () => {
    const refused = tasks.flatMap((t) => {
      const edit = tasksEdit.safeParse({
        task: t.id,
        ...{ name: t.name, type: t.type, tags: t.tags, system_tags: t.system_tags, comment: t.comment },
        ...{ parent: t.parent, project: t.project, output_dest: t.output.destination },
        ...{ execution: t.execution, script: t.script, hyperparams: t.hyperparams, configuration: t.configuration },
        ...{ models: t.models, container: t.container, runtime: t.runtime },
      });
      const artifacts = tasksAddOrUpdateArtifacts.safeParse({ task: t.id, artifacts: t.execution.artifacts });
      return [edit, artifacts].flatMap((r) => (r.success ? [] : [`${t.id}: ${JSON.stringify(r.error.issues)}`]));
    });
    expect(refused).toEqual([]);
  });
});
