/** Sign-in, the cookie-only session, own API keys in Settings, and an admin adding a viewer who is refused writes. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { ApiClient } from '../src/client';
import { TEST_ADMIN_PASSWORD, TEST_SECRET_KEY } from '../src/server/testing/server';
import { logIn, openApp, type AppSession } from './support/app';
import { post, sameOrigin, signIn } from '../src/server/testing/accounts';
import { screenshot } from './support/browser';

let app: AppSession;
let page: Page;

/** Everything script on the page can read: web storage, IndexedDB, document.cookie. */
async function readableState(p: Page): Promise<string> {
  return p.evaluate(async () => {
    const dump: Record<string, unknown> = { cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } };
    const idb: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        idb[`${info.name}/${store}`] = await new Promise((resolve) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
        });
      }
      db.close();
    }
    dump.indexedDB = idb;
    return JSON.stringify(dump);
  });
}

async function sessionCookieValue(p: Page): Promise<string> {
  const c = (await p.context().cookies()).find((x) => x.name === 'taskdeck_session');
  if (!c) throw new Error('no session cookie after sign-in');
  expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  return c.value;
}

function expectNoSecrets(state: string, secrets: string[]) {
  for (const s of secrets) expect(state, `browser-readable state holds ${s.slice(0, 6)}…`).not.toContain(s);
  // No JWT (a token always starts with the base64 of '{"').
  expect(state).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  page = app.page;
  await app.srv.client.call('projects.create', { name: 'Shared' });
});
test.afterAll(() => app?.close());

test.describe('the dashboard session', () => {
  test('keeps no secret or token where script can read it after sign-in', async () => {
    const cookie = await sessionCookieValue(page);
    const state = await readableState(page);
    expect(JSON.parse(state).cookie).toBe('');
    expectNoSecrets(state, [cookie, TEST_SECRET_KEY, TEST_ADMIN_PASSWORD, app.srv.client.token!]);
  });

  test('creates an API key in Settings (secret shown once, with clearml.conf) that works with the API client, then revokes it', async () => {
    // The first-run panel points to Settings for keys.
    await page.getByRole('region', { name: 'get started' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Label for a new key').fill('e2e laptop');
    await page.getByRole('button', { name: 'Create credentials' }).click();
    const conf = page.getByLabel('new clearml.conf');
    await expect.poll(() => conf.count(), { timeout: 15_000 }).toBe(1);
    const text = await conf.innerText();
    expect(text).toContain(`api_server: ${app.srv.url}/api`);
    const accessKey = /"access_key" = "([^"]+)"/.exec(text)![1];
    const secretKey = /"secret_key" = "([^"]+)"/.exec(text)![1];
    await screenshot(page, 'settings-new-key');

    const client = new ApiClient({ baseUrl: app.srv.url, accessKey, secretKey });
    const me = await client.call('users.get_current_user');
    expect(me.user).toMatchObject({ login: 'admin', role: 'admin' });

    expectNoSecrets(await readableState(page), [secretKey, client.token!]);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).not.toContain(secretKey);
    const row = page.locator(`[data-access-key="${accessKey}"]`);
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('e2e laptop');

    await page.getByRole('button', { name: `revoke ${accessKey}` }).click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    await expect(client.call('tasks.get_all', {})).rejects.toThrow(/401/);
    await expect(new ApiClient({ baseUrl: app.srv.url, accessKey, secretKey }).login()).rejects.toThrow(/401.*revoked/);
  });

  test("lets an admin see a user's API keys and revoke one or all, which ends their access at once", async () => {
    const srv = app.srv;
    await srv.client.call('users.create', { login: 'kit', role: 'member', password: 'kit-password-123' });
    const kit = await signIn(srv, 'kit', 'kit-password-123');
    const made = [];
    for (const label of ['laptop', 'cluster agent']) {
      const r = await post(srv, 'auth.create_credentials', { label }, { Cookie: kit.cookie, ...sameOrigin(srv) });
      made.push(r.json.data.credentials as { access_key: string; secret_key: string });
    }
    const works = async (k: { access_key: string; secret_key: string }) =>
      (
        await post(
          srv,
          'users.get_current_user',
          {},
          { Authorization: `Basic ${Buffer.from(`${k.access_key}:${k.secret_key}`).toString('base64')}` },
        )
      ).status;

    await page.getByRole('link', { name: 'Admin → Users' }).click();
    await page.getByRole('button', { name: 'API keys of kit' }).click();
    const dialog = page.getByRole('dialog', { name: 'API keys of kit' });
    const rows = dialog.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await dialog.innerText()).toContain('cluster agent');
    await dialog.getByRole('button', { name: `revoke ${made[0].access_key}` }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect([await works(made[0]), await works(made[1])]).toEqual([401, 200]);
    await dialog.getByRole('button', { name: `revoke ${made[1].access_key}` }).click();
    await expect(dialog.getByRole('status')).toHaveText('No API keys.');
    expect(await works(made[1])).toBe(401);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test("lets an admin add a viewer, who then gets the server's 403 message on a write and changes nothing", async () => {
    await page.getByRole('link', { name: 'Admin → Users' }).click();
    const form = page.getByRole('form', { name: 'add user' });
    await form.getByLabel('New login').fill('vic');
    await form.getByLabel('Name', { exact: true }).fill('Vic Viewer');
    await form.getByLabel('Role').click();
    await page.getByRole('option', { name: 'viewer' }).click();
    await form.getByRole('button', { name: 'Add user' }).click();
    const password = page.locator('[data-password]');
    await expect.poll(() => password.count(), { timeout: 15_000 }).toBe(1);
    const vicPassword = (await password.innerText()).trim();
    const { users } = await app.srv.client.call('users.get_all');
    expect(users).toContainEqual(expect.objectContaining({ login: 'vic', role: 'viewer' }));

    await page.getByRole('button', { name: 'sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await page.context().cookies()).find((c) => c.name === 'taskdeck_session')).toBeUndefined();
    await logIn(page, `${app.srv.url}/projects`, 'vic', vicPassword);
    await expect.poll(() => page.getByLabel('signed in as').innerText(), { timeout: 15_000 }).toContain('viewer');
    expect(await page.getByRole('link', { name: 'Admin → Users' }).count()).toBe(0);

    // Its write controls are disabled, saying why...
    const del = page.getByRole('button', { name: 'delete Shared' });
    await expect(del).toBeDisabled();
    await expect(page.getByRole('button', { name: 'New project' })).toBeDisabled();
    await del.locator('xpath=..').hover();
    await expect.poll(() => page.getByRole('tooltip').innerText()).toContain('Viewers can look but not change anything');
    await screenshot(page, 'viewer-read-only');
    // ...and the server refuses the write anyway, with its reason (the page's own session, from the page).
    const shared = (await app.srv.client.call('projects.get_all', {})).projects.find((p) => p.name === 'Shared')!.id;
    const refused = await page.evaluate(async (project) => {
      const res = await fetch('/api/v2.23/projects.delete', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ project }),
      });
      return { status: res.status, body: await res.text() };
    }, shared);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('viewer role is read-only: projects.delete needs member');
    const { projects } = await app.srv.client.call('projects.get_all', {});
    expect(projects.map((p) => p.name)).toContain('Shared');
    // A viewer reads a project's overview and is not offered its description to edit.
    await page.goto(`${app.srv.url}/projects/${projects.find((p) => p.name === 'Shared')!.id}/overview`);
    await expect(page.getByRole('heading', { name: 'Description' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit' })).toBeDisabled();
    // A task's header and actions too: nothing to rename, tag, clone or abort.
    const sharedId = projects.find((p) => p.name === 'Shared')!.id;
    const { id: task } = await app.srv.client.call('tasks.create', { name: 'viewed run', type: 'training', project: sharedId });
    await app.srv.client.call('tasks.started', { task });
    await page.goto(`${app.srv.url}/projects/${sharedId}/tasks/${task}/info`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('viewed run');
    for (const name of ['edit name', 'add tag', 'Clone', 'Abort', 'edit description'])
      await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  });
});
