/** Where a worker thread's code comes from when the server runs from source: its TypeScript, or the run's bundles. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { defaultConfig, limitsOnly } from './config';
import { startThread, THREAD_BUNDLES_ENV } from './threads';

const named = process.env[THREAD_BUNDLES_ENV];
const workers: Worker[] = [];
const dirs: string[] = [];

afterEach(async () => {
  if (named === undefined) delete process.env[THREAD_BUNDLES_ENV];
  else process.env[THREAD_BUNDLES_ENV] = named;
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts a parse thread and answers what it makes of a one-event body, or the error that stopped it. */
async function parseOne(): Promise<unknown> {
  const w = startThread('events/parse-thread', { workerData: { limits: limitsOnly(defaultConfig()) } });
  workers.push(w);
  const body = Buffer.from(JSON.stringify({ type: 'log', task: 'T1', msg: 'hello' }));
  w.postMessage({ id: 7, body, contentType: 'application/json-lines' });
  return new Promise((resolve) => {
    w.once('message', resolve);
    w.once('error', resolve);
  });
}

it('starts a thread from its TypeScript source when no bundles are named', async () => {
  delete process.env[THREAD_BUNDLES_ENV];
  expect(await parseOne()).toMatchObject({ id: 7, batch: expect.anything() });
});

it('starts a thread from the bundles folder when one is named', async () => {
  // A folder whose parse-thread is a stand-in that says where it ran from: the real entry would parse the body.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bundles-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'events'));
  fs.writeFileSync(
    path.join(dir, 'events/parse-thread.js'),
    "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, from: 'bundle' }));",
  );
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  process.env[THREAD_BUNDLES_ENV] = dir;
  expect(await parseOne()).toEqual({ id: 7, from: 'bundle' });
});
