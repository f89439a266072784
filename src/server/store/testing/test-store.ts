import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Model, Task } from '../../../shared/api/records';
import { blankTask } from '../../tasks/common';
import { createTestDatabase, testingOnPostgres } from '../../testing/postgres';
import { openStore } from '../open';
import type { Store } from '../store';

/** A fresh store on the database this run tests (TASKDECK_TEST_DATABASE), and a way to remove it. */
export async function openTestStore(): Promise<{ store: Store; kind: 'sqlite' | 'postgres'; remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-store-'));
  const database = testingOnPostgres() ? await createTestDatabase({ migrated: true }) : undefined;
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

/** Two fresh stores: one a test changes, and a reference it is compared with; `remove` removes both. */
export async function openStorePair(): Promise<{ store: Store; reference: Store; remove(): Promise<void> }> {
  const a = await openTestStore();
  const b = await openTestStore().catch(async (e: unknown) => {
    await a.remove();
    throw e;
  });
  return {
    store: a.store,
    reference: b.store,
    async remove() {
      await a.remove();
      await b.remove();
    },
  };
}

const FIXED_TIME = '2026-01-01T00:00:00.000+00:00';

/** A task record with the given fields over plain defaults (a blank task of user u1, at a fixed time). */
export function makeTask(fields: Partial<Task> & { id: string }): Task {
  return blankTask(
    { user: 'u1', userName: 'u1', company: 'c1' },
    {
      name: fields.id,
      type: 'training',
      created: FIXED_TIME,
      last_update: FIXED_TIME,
      status_changed: FIXED_TIME,
      last_change: FIXED_TIME,
      project: 'p1',
      script: {} as Task['script'],
      output: {},
      ...fields,
    },
  );
}

/** A model record with the given fields over plain defaults (a draft of user u1, at a fixed time, in no project). */
export function makeModel(fields: Partial<Model> & { id: string }): Model {
  return {
    name: fields.id,
    user: 'u1',
    company: 'c1',
    created: FIXED_TIME,
    last_update: FIXED_TIME,
    tags: [],
    system_tags: [],
    task: null,
    parent: null,
    project: null,
    comment: '',
    framework: null,
    design: {},
    labels: {},
    uri: null,
    ready: false,
    public: false,
    ...fields,
  };
}
