/**
 * Issue 10: credentials go only to this server. Artifact, model and debug-sample URLs point at a
 * second local origin (another port) that records every request; opening the tabs, previews,
 * image viewer and compare view must never send it our token (query or header) or a cookie.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let srv: TestServer;
let app: AppSession;
let page: Page;
let listener: http.Server;
let other: string;
const seen: Seen[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The other origin answers like a CORS-enabled bucket, so previews can load without credentials.
  listener = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const body = req.url?.includes('.png')
      ? PNG
      : req.url?.includes('.json')
        ? Buffer.from('{"from":"elsewhere"}')
        : Buffer.from('bytes');
    res.writeHead(200, {
      'Access-Control-Allow-Origin': '*',
      'Content-Type': req.url?.includes('.png') ? 'image/png' : 'application/octet-stream',
    });
    res.end(body);
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  other = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;

  app = await openApp({ demo: false });
  ({ srv, page } = app);
  const ours = new URL(srv.url);
  // A cookie for our host stands in for a session cookie: cookies are not scoped by port.
  await page.context().addCookies([{ name: 'taskdeck_probe', value: 'must-not-leave', domain: ours.hostname, path: '/' }]);

  const { id: project } = await srv.client.call<{ id: string }>('projects.create', { name: 'elsewhere' });
  for (const name of ['remote files', 'remote twin']) {
    ({ id: ids[name] } = await srv.client.call<{ id: string }>('tasks.create', { name, type: 'training', project }));
    await srv.client.call('tasks.started', { task: ids[name] });
    await srv.client.call('events.add_batch', [
      {
        type: 'training_debug_image',
        task: ids[name],
        metric: 'remote',
        variant: 'image',
        iter: 1,
        url: `${other}/files/debug/sample.png`,
        timestamp: Date.now(),
      },
      // Our host and port as userinfo: a substring check would take this for our own files store.
      {
        type: 'training_debug_image',
        task: ids[name],
        metric: 'remote',
        variant: 'userinfo',
        iter: 1,
        url: `http://${ours.host}@127.0.0.1:${new URL(other).port}/files/debug/userinfo.png`,
        timestamp: Date.now(),
      },
      {
        type: 'training_debug_image',
        task: ids[name],
        metric: 'remote',
        variant: 'audio',
        iter: 1,
        url: `${other}/files/debug/clip.wav`,
        timestamp: Date.now(),
      },
    ]);
  }
  const task = ids['remote files'];
  await srv.client.call('tasks.add_or_update_artifacts', {
    task,
    force: true,
    artifacts: [
      { key: 'remote image', type: 'image', uri: `${other}/files/artifacts/pic.png`, type_data: { content_type: 'image/png' } },
      {
        key: 'remote json',
        type: 'dict',
        uri: `${other}/files/artifacts/data.json`,
        content_size: 20,
        type_data: { content_type: 'application/json' },
      },
      { key: 'remote blob', type: 'custom', uri: `${other}/files/artifacts/blob.bin`, content_size: 5 },
    ],
  });
  const { id: model } = await srv.client.call<{ id: string }>('models.create', {
    name: 'remote weights',
    uri: `${other}/files/models/weights.bin`,
    project,
    task,
  });
  await srv.client.call('tasks.add_or_update_model', { task, name: 'weights', model, type: 'output' });
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => listener?.close(r));
});

const paths = () => seen.map((s) => new URL(s.url, other).pathname);

/** Every request the other origin received so far carried none of our credentials. */
function expectNoCredentials(): void {
  for (const s of seen) {
    const where = `request ${s.url}`;
    expect(s.headers.authorization, where).toBeUndefined();
    expect(s.headers.cookie, where).toBeUndefined();
    expect(new URL(s.url, other).searchParams.has('token'), where).toBe(false);
    expect(s.url, where).not.toContain(srv.client.token!);
  }
}

it('artifacts tab: previews load from the other origin without our token or cookie, downloads are plain links', async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${ids['remote files']}/artifacts`);
  await expect
    .poll(paths, { timeout: 30_000, message: 'the image and JSON previews reached the other origin' })
    .toEqual(expect.arrayContaining(['/files/artifacts/pic.png', '/files/artifacts/data.json']));
  expectNoCredentials();
  // The JSON preview's editor shows what the other origin sent.
  await page.getByLabel('preview remote json').waitFor({ timeout: 20_000 });
  await expect
    .poll(async () => (await page.locator('.view-lines').allInnerTexts()).join('\n'), { timeout: 20_000 })
    .toContain('elsewhere');
  for (const [label, file] of [
    ['open remote blob', 'artifacts/blob.bin'],
    ['open remote weights', 'models/weights.bin'],
  ]) {
    const href = await page.getByLabel(label).getAttribute('href');
    expect(href).toBe(`${other}/files/${file}`);
    expect(await page.getByLabel(label).getAttribute('rel')).toContain('noreferrer');
  }
  expectNoCredentials();
});

it('debug samples: images and the viewer load without credentials; a non-image is a plain link', async () => {
  await page.goto(`${srv.url}/projects/*/tasks/${ids['remote files']}/debug-samples`);
  await expect
    .poll(paths, { timeout: 30_000, message: 'the debug images reached the other origin' })
    .toEqual(expect.arrayContaining(['/files/debug/sample.png', '/files/debug/userinfo.png']));
  expectNoCredentials();
  // The image drew (the other origin allows anonymous CORS loads).
  await expect.poll(() => page.locator('img[alt^="remote / image"]').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
  await page.locator('img[alt^="remote / image"]').click();
  await page.getByTestId('viewer-image').waitFor();
  await expect.poll(() => page.getByTestId('viewer-image').evaluate((i: HTMLImageElement) => i.complete)).toBe(true);
  await page.getByRole('button', { name: 'close viewer' }).click();
  expect(await page.getByRole('link', { name: 'clip.wav' }).getAttribute('href')).toBe(`${other}/files/debug/clip.wav`);
  expectNoCredentials();
});

it('compare debug samples: the same, for both tasks', async () => {
  await page.goto(`${srv.url}/compare?ids=${ids['remote files']},${ids['remote twin']}&tab=debug-samples`);
  await expect.poll(() => page.locator('img[alt*="remote image"]').count(), { timeout: 30_000 }).toBe(2);
  await expect
    .poll(() =>
      page
        .locator('img[alt*="remote image"]')
        .first()
        .evaluate((i: HTMLImageElement) => i.complete),
    )
    .toBe(true);
  expectNoCredentials();
});
