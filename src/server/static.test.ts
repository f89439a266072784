import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/server';

let srv: TestServer;
let empty: TestServer;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-dist-'));
beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app shell</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'main-AbC123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  srv = await startTestServer({ staticDir: dist });
  empty = await startTestServer({ staticDir: path.join(dist, 'missing') });
});
afterAll(async () => {
  await srv?.stop();
  await empty?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

it('serves hashed assets as immutable and other files revalidated', async () => {
  const js = await fetch(`${srv.url}/assets/main-AbC123.js`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await js.text()).toBe('console.log(1)');
  const svg = await fetch(`${srv.url}/favicon.svg`);
  expect(svg.headers.get('content-type')).toBe('image/svg+xml');
  expect(svg.headers.get('cache-control')).toBe('no-cache');
});

it('answers client-side routes with index.html, and never a file outside the folder', async () => {
  for (const route of ['/', '/projects/abc/tasks/def/console', '/workers-and-queues']) {
    const r = await fetch(`${srv.url}${route}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toContain('app shell');
  }
  const outside = await fetch(`${srv.url}/..%2f..%2fetc%2fpasswd`);
  expect(await outside.text()).not.toContain('root:');
});

it('shows how to build the dashboard when it was not built', async () => {
  const r = await fetch(`${empty.url}/projects`);
  expect(r.status).toBe(200);
  expect(await r.text()).toContain('npm run build');
});
