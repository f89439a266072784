/**
 * The demo data, made once for a browser run rather than once a file: Playwright's global setup fills a server per
 * worker slot and keeps its stopped data folder; a file's server then starts as a copy of its slot's folder, on the
 * port it was made on (the demo's files are stored under URLs of that origin), which no other server of the run
 * uses. Making it took 3-5 s of the busy machine for each of ten files, copying takes a few milliseconds.
 * A file with server settings of its own, or a port taken meanwhile, makes its demo data as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { generateDemo } from '../../src/client/demo/generate';
import { testingOnPostgres } from '../../src/server/testing/postgres';
import { startTestServer } from '../../src/server/testing/server';

const ENV = 'TASKDECK_E2E_DEMO_TEMPLATES';

export interface DemoTemplate {
  /** A stopped server's data folder holding the demo data. */
  dir: string;
  port: number;
  ids: Record<string, string>;
}

/** The demo template of this worker's slot, when the run's global setup made them. */
export function demoTemplate(): DemoTemplate | undefined {
  const slots = process.env[ENV];
  const slot = Number(process.env.TEST_PARALLEL_INDEX);
  if (!slots || !Number.isInteger(slot)) return undefined;
  return (JSON.parse(slots) as DemoTemplate[])[slot];
}

async function makeTemplate(dir: string): Promise<DemoTemplate> {
  const srv = await startTestServer();
  let ids: Record<string, string>;
  try {
    ids = await generateDemo(srv.client);
  } finally {
    await srv.close();
  }
  fs.cpSync(srv.dataDir, dir, { recursive: true });
  fs.rmSync(srv.dataDir, { recursive: true, force: true });
  return { dir, port: Number(new URL(srv.url).port), ids };
}

export default async function setup(config: FullConfig): Promise<(() => void) | undefined> {
  // A PostgreSQL run gives each server a database of its own: nothing to copy.
  if (testingOnPostgres()) return undefined;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-demo-'));
  const slots = await Promise.all(Array.from({ length: config.workers }, (_, i) => makeTemplate(path.join(root, String(i)))));
  process.env[ENV] = JSON.stringify(slots);
  return () => {
    delete process.env[ENV];
    fs.rmSync(root, { recursive: true, force: true });
  };
}
