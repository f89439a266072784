import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Task } from '../../../shared/entities';
import { createTestDatabase, testingOnPostgres } from '../../testing/postgres';
import { openStore } from '../open';
import type { Store } from '../store';

/** A fresh store on the database this run tests (TASKDECK_TEST_DATABASE), and a way to remove it. */
export async function openTestStore(): Promise<{ store: Store; kind: 'sqlite' | 'postgres'; remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-store-'));
  const database = testingOnPostgres() ? await createTestDatabase() : undefined;
  const store = await openStore({ dataDir, databaseUrl: database?.url });
  return {
    store,
    kind: database ? 'postgres' : 'sqlite',
    async remove() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** A task record with the given fields over plain defaults. */
export function makeTask(fields: Partial<Task> & { id: string }): Task {
  return {
    name: fields.id,
    user: 'u1',
    company: 'c1',
    type: 'training',
    status: 'created',
    status_reason: '',
    status_message: '',
    comment: '',
    created: '2026-01-01T00:00:00.000+00:00',
    last_update: '2026-01-01T00:00:00.000+00:00',
    last_iteration: 0,
    last_metrics: {},
    project: 'p1',
    parent: null,
    tags: [],
    system_tags: [],
    script: {} as Task['script'],
    execution: { artifacts: [], parameters: {} },
    output: {},
    models: { input: [], output: [] },
    hyperparams: {},
    configuration: {},
    container: {},
    runtime: {},
    ...fields,
  };
}
