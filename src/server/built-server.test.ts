/** Issue 13: `npm start` runs the server bundled to JavaScript: plain node starts it quickly, threads and CLI included. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { ApiClient } from '../client';
import { startBuiltServer, type BuiltServer } from './testing/built-server';
import { THREAD_ENTRIES } from './threads';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEYS = { accessKey: 'BUILTSERVERKEY000001', secretKey: 'built-server-secret-for-this-test-only' };
let bundle: string;
let data: string;
let server: BuiltServer | undefined;

beforeAll(async () => {
  // Inside the repository, as dist-server/ is, so that the bundle finds the packages in node_modules.
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  bundle = fs.mkdtempSync(path.join(ROOT, '.tmp', 'dist-server-'));
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-built-'));
  await buildServer(bundle);
});
afterAll(async () => {
  await server?.stop();
  for (const dir of [bundle, data]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('is JavaScript that loads no TypeScript loader, with a file for every worker thread', () => {
    const files = ['main.js', 'cli.js', ...THREAD_ENTRIES.map((e) => `${e}.js`)];
    for (const f of files) {
      const js = fs.readFileSync(path.join(bundle, f), 'utf8');
      expect(js, f).not.toMatch(/(from|import\()\s*["']tsx/);
    }
  });

  it('carries its pure-JavaScript packages inside (fewer files to resolve at start) and loads only native ones', () => {
    const js = fs.readFileSync(path.join(bundle, 'main.js'), 'utf8');
    const imported = new Set([...js.matchAll(/^import .* from "([^".][^"]*)";$/gm)].map((m) => m[1]));
    for (const bundled of ['zod', 'kysely', 'sirv', 'prom-client', 're2js']) expect(imported, bundled).not.toContain(bundled);
    expect(imported).toContain('better-sqlite3');
  });

  it('starts with plain node on an empty data folder and answers (its start time is a bench figure, bench/startup.ts, not a test)', async () => {
    server = await startBuiltServer(bundle, data, {
      TASKDECK_ACCESS_KEY: KEYS.accessKey,
      TASKDECK_SECRET_KEY: KEYS.secretKey,
    });
    // The dashboard of the package it belongs to, though started from elsewhere (its data folder).
    const page = await (await fetch(`${server.url}/`)).text();
    if (fs.existsSync(path.join(ROOT, 'dist', 'index.html'))) expect(page).not.toContain('has not been built');
    else expect(page).toContain('has not been built');
    const client = new ApiClient({ baseUrl: server.url, ...KEYS });
    await client.login();
    await client.call('projects.create', { name: 'bundled project' });
    // A name pattern tests every row, so it runs on the reader thread, which must load from the bundle.
    const found = await client.call('projects.get_all', { name: '^bundled' });
    expect(found).toMatchObject({ projects: [{ name: 'bundled project' }] });
    // A console search runs on the reader pool's thread, which must load from the bundle too.
    const { id: task } = await client.call('tasks.create', { name: 'bundled task', type: 'training' });
    expect(await client.call('events.search_task_log', { task, text: 'nothing', from_line: 0 })).toEqual({ line: null });
    // Events are stored by the writer thread, which must load from the bundle as well.
    await client.call('events.add', { type: 'training_stats_scalar', task, metric: 'm', variant: 'v', iter: 1, value: 2 });
    expect((await client.call('events.scalar_metrics_iter_histogram', { task })).m.v).toMatchObject({ x: [1], y: [2] });
  });

  it("runs the CLI from the bundle against the server's data folder", () => {
    const { NODE_OPTIONS: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [path.join(bundle, 'cli.js'), 'users', 'list', '--data', data], {
      env,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^admin\s+.*admin\s+active/m);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await server!.stop()).toBe(0);
  });
});
