/**
 * Issue 10: no stored data can script the dashboard. Payloads sit in every field a script or user
 * controls; the test opens every page and tab, hovers every chart, opens the image viewer, and fails
 * if any payload ran (or opened a dialog) or any link would run script when clicked.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { COMPARE_TABS } from '../src/features/compare/tabs';
import { DETAIL_TABS } from '../src/features/task-detail/tabs';
import type { TestServer } from '../src/server/testing/server';
import { ApiClient } from '../src/client';
import { logIn, openApp, type AppSession } from './support/app';
import { hoverEveryChart, markup, plantCorpus, scriptUrls, type Corpus } from './support/xss';
import { screenshot } from './support/browser';
import { chartLayout } from './support/charts';

let srv: TestServer;
let app: AppSession;
let page: Page;
let corpus: Corpus;
const ran: string[] = [];
const ranEver: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  await page.exposeFunction('__xss', (what: string) => void ran.push(String(what)));
  page.on('dialog', (d) => {
    ran.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  corpus = await plantCorpus(srv.client);
});
test.afterAll(() => app?.close());

/**
 * Nothing ran so far, nothing on the page would run script when followed, and no long payload made the page wider
 * than the window (long names wrap or are cut; the task table scrolls inside its own grid).
 */
async function expectInert(where: string): Promise<void> {
  // Let events queued by the last render (an image's error) reach the recorder.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const fresh = ran.splice(0);
  ranEver.push(...fresh);
  expect(fresh, `payloads ran by ${where}`).toEqual([]);
  expect(await scriptUrls(page), `script URLs on ${where}`).toEqual([]);
  const sideways = await page.locator('main').evaluate((m) => m.scrollWidth - m.clientWidth);
  expect(sideways, `px of ${where} beyond the window's width`).toBeLessThanOrEqual(0);
}

/** Signs in over HTTP as the dashboard does; the session cookie (`name=value`). */
async function signIn(login: string, password: string): Promise<string> {
  const res = await fetch(`${srv.url}/api/v2.23/auth.sign_in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: srv.url },
    body: JSON.stringify({ login, password }),
  });
  expect(res.status, 'sign-in').toBe(200);
  return res.headers.getSetCookie()[0].split(';')[0];
}

async function callWithCookie<T>(cookie: string, name: string, body: unknown): Promise<T> {
  const res = await fetch(`${srv.url}/api/v2.23/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: srv.url, Cookie: cookie },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data: T; meta: { result_msg: string } };
  expect(res.status, `${name}: ${json.meta.result_msg}`).toBe(200);
  return json.data;
}

const task = (id: string, tab: string) => `${srv.url}/projects/${corpus.project}/tasks/${id}/${tab}`;

test.describe('stored payloads stay inert', () => {
  test('projects page and task table', async () => {
    await page.goto(`${srv.url}/projects`);
    await page.locator('[data-project-card]').first().waitFor();
    await expectInert('the projects page');
    for (const path of [`/projects/${corpus.project}/tasks`, '/projects/*/tasks']) {
      await page.goto(`${srv.url}${path}`);
      await page.getByText('plain twin').first().waitFor();
      await expectInert(path);
    }
    // Metric and hyperparameter names as column choices and headers, tags and users as filter options.
    await page.getByRole('button', { name: 'Columns' }).click();
    for (const name of ['scalar metric', 'param name']) {
      await page.getByRole('menuitem').filter({ hasText: name }).first().click();
      await expectInert(`the column chooser (${name})`);
    }
    await page.keyboard.press('Escape');
    for (const filter of ['Tags', 'User']) {
      await page.getByLabel(filter, { exact: true }).click();
      await page.getByRole('option').first().waitFor();
      await expectInert(`the ${filter} filter`);
      await page.keyboard.press('Escape');
    }
    await screenshot(page, 'xss-table');
    // The tags in use as a new tag's suggestions (the hostile tag among them), on an untagged task's header.
    const { id: untagged } = await srv.client.call('tasks.create', {
      name: 'untagged',
      type: 'training',
      project: corpus.project,
    });
    await page.goto(task(untagged, 'info'));
    await page.getByRole('button', { name: 'add tag' }).click();
    await page.getByLabel('New tag').fill('tag');
    await page.getByRole('option').first().waitFor();
    await expectInert('the new tag suggestions');
    await page.keyboard.press('Escape');
    await page.goto(`${srv.url}/projects/${corpus.project}/overview`);
    await page.getByLabel('project description').getByText('md link').waitFor();
    // The metric snapshot draws the hostile task (its metric names are the picker's choices, its name the tooltip's).
    await page.locator('[data-metric-snapshot] canvas').first().waitFor();
    expect(await hoverEveryChart(page), 'charts on the project overview').toBeGreaterThan(0);
    await expectInert('the project overview');
  });

  for (const tab of DETAIL_TABS) {
    test(`task tab ${tab}`, async () => {
      await page.goto(task(corpus.hostile, tab));
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'task name' }).waitFor();
      await page.getByRole('tabpanel').waitFor();
      if (tab === 'scalars' || tab === 'plots') {
        // A slot shows before its chart mounts (the chart waits for its data): wait for a drawn chart itself.
        await page.locator('[data-testid=echart] canvas').first().waitFor({ timeout: 30_000 });
        expect(await hoverEveryChart(page), `charts on ${tab}`).toBeGreaterThan(0);
      }
      if (tab === 'scalars') {
        // The metric summary draws the hostile metric and variant names as table cells.
        await page
          .getByRole('region', { name: 'Metric summary' })
          .getByRole('button', { name: /^Show \d+ series$/ })
          .click();
        await page.getByRole('table', { name: 'metric summary' }).waitFor();
        // The long metric name is cut in its chart's title, short of the tools over the top right (190 px), and the
        // legend takes a row of its own below it.
        const drawn = await chartLayout(page, 'chart scalar metric');
        const loss = await chartLayout(page, 'chart loss');
        const titles = drawn.texts.filter((t) => t.text.startsWith('scalar metric'));
        expect(titles).toHaveLength(1);
        const [{ text: titleText, box: title }] = titles;
        expect(titleText).toMatch(/\.\.\.$/);
        expect(title.x + title.w).toBeLessThanOrEqual(drawn.width - 190);
        const legend = drawn.texts.filter((t) => t.text.startsWith('scalar variant'));
        expect(legend.length).toBeGreaterThan(0);
        for (const item of legend) expect(item.box.y, 'the legend below the title').toBeGreaterThanOrEqual(title.y + title.h);
        // A long variant is cut in the legend, clear of the tools.
        for (const name of ['scalar variant', 'loss variant']) {
          const item = drawn.texts.concat(loss.texts).find((t) => t.text.startsWith(name));
          expect(item?.text, `${name} in a legend`).toMatch(/\.\.\.$/);
        }
        for (const item of loss.texts.filter((t) => t.text.startsWith('loss variant')))
          expect(item.box.x + item.box.w, 'the legend clear of the tools').toBeLessThanOrEqual(loss.width - 190);
      }
      if (tab === 'debug-samples') {
        await page.locator('img[alt*="debug metric"]').first().click();
        await page.getByTestId('viewer-image').waitFor();
        await expectInert('the debug-sample viewer');
        await screenshot(page, 'xss-debug-viewer');
        await page.getByRole('button', { name: 'close viewer' }).click();
      }
      if (tab === 'artifacts') await page.getByLabel(/preview .*json artifact/).waitFor({ timeout: 30_000 });
      await expectInert(`the ${tab} tab`);
      if (['artifacts', 'plots', 'debug-samples', 'configuration', 'scalars'].includes(tab))
        await screenshot(page, `xss-tab-${tab}`, { fullPage: true });
    });
  }

  for (const tab of COMPARE_TABS) {
    test(`compare tab ${tab}`, async () => {
      await page.goto(`${srv.url}/compare?ids=${corpus.hostile},${corpus.twin}${tab === 'details' ? '' : `&tab=${tab}`}`);
      await page.getByText('plain twin').first().waitFor();
      if (tab === 'scalars' || tab === 'plots' || tab === 'hyperparameters') {
        await page.locator('[data-testid=echart]').first().waitFor({ timeout: 30_000 });
        expect(await hoverEveryChart(page), `charts on compare ${tab}`).toBeGreaterThan(0);
      }
      if (tab === 'hyperparameters') {
        // The metric's long name is cut on the scatter's axis, leaving the plotting area most of the chart's height.
        const scatter = await chartLayout(page, 'chart parameter scatter');
        const share = scatter.grid!.h / scatter.height;
        expect(share, "the scatter's plotting area, share of its height").toBeGreaterThan(0.5);
      }
      await expectInert(`compare ${tab}`);
    });
  }

  test('workers and queues, with the queue opened', async () => {
    await page.goto(`${srv.url}/workers-and-queues?queue=${corpus.queue}`);
    await page.locator('[data-entry]').first().waitFor();
    await page.locator('[data-worker]').first().waitFor();
    expect(await hoverEveryChart(page)).toBeGreaterThan(0);
    await expectInert('workers and queues');
    await screenshot(page, 'xss-queues', { fullPage: true });
  });

  test("a user's display name and a credential label: table, user filter, task header, Info tab, Admin → Users, app bar, Settings", async () => {
    const login = 'hostile-user';
    const password = 'hostile-password-1';
    await srv.client.call('users.create', { login, name: markup('user name'), role: 'member', password });
    // That user signs in (cookie), labels a key pair with a payload, and creates a task with it, as a script would.
    const cookie = await signIn(login, password);
    const { credentials } = await callWithCookie<{ credentials: { access_key: string; secret_key: string } }>(
      cookie,
      'auth.create_credentials',
      { label: markup('credential label') },
    );
    const theirs = new ApiClient({ baseUrl: srv.url, accessKey: credentials.access_key, secretKey: credentials.secret_key });
    await theirs.login();
    const { id } = await theirs.call('tasks.create', {
      name: 'task by hostile user',
      type: 'training',
      project: corpus.project,
    });

    await page.goto(`${srv.url}/projects/${corpus.project}/tasks`);
    await page.getByText('task by hostile user').first().waitFor();
    await page.getByText('user name').first().waitFor({ timeout: 20_000 });
    await expectInert('the User column');
    await page.getByLabel('User', { exact: true }).click();
    await page.getByRole('option').filter({ hasText: 'user name' }).first().waitFor();
    await expectInert('the User filter');
    await page.keyboard.press('Escape');

    await page.goto(task(id, 'info'));
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'task by hostile user' }).waitFor();
    // Once in the header's User fact, once as the Info tab's "Created by".
    await expect.poll(() => page.getByText('user name').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await expectInert("the hostile user's task");

    await page.goto(`${srv.url}/admin/users`);
    await page.getByText('user name').first().waitFor();
    await expectInert('Admin → Users');

    // The same user in the browser: the app bar shows their name, Settings their labelled key pair.
    await page.context().clearCookies();
    await logIn(page, `${srv.url}/projects`, login, password);
    await page.getByText('user name').first().waitFor();
    await expectInert('the app bar');
    // The long name is cut in the bar, whole in its tooltip, and the bar keeps one line: each link on one line, as
    // high as the others, and the bar as high as the dense toolbar (48 px).
    await expect(page.getByLabel('signed in as').getByTitle(markup('user name'), { exact: true })).toHaveCount(1);
    const bar = page.getByRole('banner');
    const linkHeights = await bar
      .locator('a.MuiButton-root')
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(new Set(linkHeights).size, `link heights ${linkHeights}`).toBe(1);
    expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(50);
    await page.goto(`${srv.url}/settings`);
    await page.getByText('credential label').first().waitFor();
    await expectInert('Settings');
    await screenshot(page, 'xss-settings', { fullPage: true });
  });

  test('no payload ran during the whole tour', () => {
    expect([...ranEver, ...ran]).toEqual([]);
  });
});
