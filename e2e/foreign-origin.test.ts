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
let elsewhere: string;
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

  app = await openApp({ demo: false });
  ({ srv, page } = app);
  const ours = new URL(srv.url);
  // The listener is our host on another port (a cookie for our host reaches it) and, under the other loopback name,
  // another host (which no cookie of ours is scoped to).
  const port = (listener.address() as AddressInfo).port;
  other = `http://${ours.hostname}:${port}`;
  elsewhere = `http://${ours.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${port}`;
  // A cookie for our host stands in for a session cookie: cookies are not scoped by port.
  await page.context().addCookies([{ name: 'taskdeck_probe', value: 'must-not-leave', domain: ours.hostname, path: '/' }]);

  const { id: project } = await srv.client.call('projects.create', { name: 'elsewhere' });
  for (const name of ['remote files', 'remote twin']) {
    ({ id: ids[name] } = await srv.client.call('tasks.create', { name, type: 'training', project }));
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
        url: `http://${ours.host}@${new URL(elsewhere).host}/files/debug/userinfo.png`,
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
      // Another host name (same listener): a real link, since no cookie of ours is scoped to it.
      { key: 'far blob', type: 'custom', uri: `${elsewhere}/files/artifacts/far.bin`, content_size: 5 },
    ],
  });
  const { id: model } = await srv.client.call('models.create', {
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

/**
 * Clicks every link on the page that leads to `origin` (what a user could do) and waits for the tabs it opens to
 * load, so that whatever a click sends reaches the listener before the credentials are checked.
 */
async function clickEveryLinkTo(origin: string): Promise<void> {
  const links = page.locator('a[href]');
  for (let i = 0; i < (await links.count()); i++) {
    const link = links.nth(i);
    const href = await link.evaluate((a: HTMLAnchorElement) => a.href);
    if (new URL(href).origin !== origin) continue;
    const before = seen.length;
    const opened = page
      .context()
      .waitForEvent('page', { timeout: 30_000 })
      .catch(() => null);
    await link.click({ modifiers: ['ControlOrMeta'] });
    const tab = await opened;
    await expect
      .poll(() => seen.length, { timeout: 30_000, message: `the click on ${href} reached the listener` })
      .toBeGreaterThan(before);
    await tab?.close();
  }
}

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

it('artifacts tab: previews load from the other origin without our token or cookie, a file on our host on another port is text, another host a plain link', async () => {
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
  // Our host on another port would receive our cookie from a click: text with a copy button, no link.
  for (const label of ['remote blob', 'remote weights']) {
    await page.getByLabel(`copy address of ${label}`).waitFor();
    expect(await page.getByLabel(`open ${label}`).count(), `a link for ${label}`).toBe(0);
  }
  await clickEveryLinkTo(other);
  // Another host stays a plain link, opened without opener or referrer.
  const far = page.getByLabel('open far blob');
  expect(await far.getAttribute('href')).toBe(`${elsewhere}/files/artifacts/far.bin`);
  expect(await far.getAttribute('rel')).toContain('noopener');
  expect(await far.getAttribute('rel')).toContain('noreferrer');
  await clickEveryLinkTo(elsewhere);
  await expect
    .poll(paths, { timeout: 30_000, message: 'the link to the other host was followed' })
    .toContain('/files/artifacts/far.bin');
  expectNoCredentials();
});

it('debug samples: images and the viewer load without credentials; a non-image on our host on another port is text', async () => {
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
  await page.getByLabel('copy address of remote / audio').waitFor();
  expect(await page.getByRole('link', { name: 'clip.wav' }).count(), 'a link to our host on another port').toBe(0);
  await clickEveryLinkTo(other);
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
