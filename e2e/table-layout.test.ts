/**
 * Issue 15 (table part), in Chromium at 1440×900 against the real server and the demo data: the task
 * table's columns (defaults, resize, reorder, pinned name, metric last/min/max), range and regex
 * filters, the projects page's search, sort and counters, and the side panel's fit. Every check reads
 * what is drawn: cells, URL, column boxes, scroll positions.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { Task } from '../src/shared/api/records';
import type { TestServer } from '../src/server/testing/server';
import { openApp, signedIn, type AppSession } from './support/app';
import { docsScreenshot, openPage, screenshot } from './support/browser';
import { userClient } from '../src/server/testing/accounts';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;
let resnet: string;

const DEFAULT_KEYS = ['id', 'name', 'type', 'status', 'tags', 'user', 'started', 'last_update', 'runtime', 'last_iteration'];
const grid = () => page.getByRole('grid', { name: 'tasks' });
const header = (key: string) => page.locator(`[role=columnheader][data-column="${key}"]`);
const headerKeys = () =>
  page.locator('[role=columnheader][data-column]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.column));
const rowNames = async () =>
  (await page.locator('[role=row][data-task] [role=gridcell][data-column=name]').allInnerTexts()).map((s) => s.trim());
const sortedNames = async () => (await rowNames()).sort();
const row = (name: string) => page.locator(`[role=row][data-task="${ids[name]}"]`);
const search = () => Object.fromEntries(new URL(page.url()).searchParams);
const box = async (l: Locator) => (await l.boundingBox())!;
const scroll = () => grid().evaluate((el) => ({ left: el.scrollLeft, width: el.scrollWidth, client: el.clientWidth }));

/** Runs of Demo/Vision/ResNet given fixed start and end times, so dates, run times and compute time are known. */
const TIMES: Record<string, [string | null, string | null]> = {
  'resnet50 baseline': ['2026-01-10T10:00:00.000+00:00', '2026-01-10T11:02:03.000+00:00'],
  'resnet50 adam': ['2026-01-20T10:00:00.000+00:00', '2026-01-20T10:30:00.000+00:00'],
  'resnet50 lr sweep 0.03': ['2026-02-01T00:00:00.000+00:00', '2026-02-01T00:10:00.000+00:00'],
  'resnet50 lr sweep 0.01': ['2026-02-02T00:00:00.000+00:00', '2026-02-02T00:05:00.000+00:00'],
  'resnet50 aborted': ['2026-02-03T00:00:00.000+00:00', '2026-02-03T00:01:00.000+00:00'],
};
const FIXED_SECONDS = 3723 + 1800 + 600 + 300 + 60;
const LONG_RUN_SECONDS = 2 * 3600;
let longRunStartedAt = 0;

async function resnetTasks(): Promise<Task[]> {
  return (await srv.client.call('tasks.get_all', { project: [resnet] })).tasks;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  app = await openApp(browser);
  ({ srv, ids, page } = app);
  resnet = await app.projectId('Demo/Vision/ResNet');
  for (const [name, [started, completed]] of Object.entries(TIMES)) {
    const t = (await srv.store.tasks.get(ids[name]))!;
    await srv.store.tasks.update({ ...t, started, completed });
  }
  const long = (await srv.store.tasks.get(ids['resnet50 long run']))!;
  expect(long.status).toBe('in_progress');
  longRunStartedAt = Date.now() - LONG_RUN_SECONDS * 1000;
  await srv.store.tasks.update({ ...long, started: new Date(longRunStartedAt).toISOString(), completed: null });
});
test.afterAll(() => app?.close());

async function dragBy(handle: Locator, dx: number) {
  const b = await box(handle);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + dx / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2 + dx, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

test.describe('task table columns', () => {
  test('shows ID, project, run time and the rest by default, fitting 1440 px; the ID copies', async () => {
    await page.goto(`${srv.url}/projects/*/tasks`);
    await expect.poll(headerKeys).toEqual(['id', 'project', ...DEFAULT_KEYS.slice(1)]);
    await expect.poll(async () => (await rowNames()).length).toBeGreaterThanOrEqual(13);
    const s = await scroll();
    expect(s.width).toBeLessThanOrEqual(s.client);
    const g = await box(grid());
    const iteration = await box(header('last_iteration'));
    expect(iteration.x + iteration.width).toBeLessThanOrEqual(g.x + g.width);
    expect(await header('last_iteration').innerText()).toMatch(/ITERATION/);

    const baseline = row('resnet50 baseline');
    await expect.poll(() => baseline.locator('[data-column=project]').innerText()).toBe('Demo/Vision/ResNet');
    expect(await baseline.locator('[data-column=id]').innerText()).toBe(ids['resnet50 baseline'].slice(0, 8));
    // 10:00:00 to 11:02:03.
    expect(await baseline.locator('[data-column=runtime]').innerText()).toBe('1h 02m');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.url });
    await baseline.locator('[data-column=id]').hover();
    await baseline.getByRole('button', { name: `copy id ${ids['resnet50 baseline']}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(ids['resnet50 baseline']);
    expect(search().task).toBeUndefined();

    // One project without its sub-projects: no project column.
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(headerKeys).toEqual(DEFAULT_KEYS);
  });

  test('resizes and moves columns by drag; the layout is in the URL and kept per project', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(rowNames).toHaveLength(6);
    const before = (await box(header('name'))).width;
    await dragBy(header('name').getByRole('separator'), 80);
    await expect.poll(async () => Math.round((await box(header('name'))).width)).toBe(Math.round(before + 80));
    expect(JSON.parse(search().w)).toEqual({ name: Math.round(before + 80) });
    // The rows follow the header.
    expect(Math.round((await box(row('resnet50 baseline').locator('[data-column=name]'))).width)).toBe(Math.round(before + 80));

    await header('status').dragTo(header('type'));
    const moved = ['id', 'name', 'status', 'type', ...DEFAULT_KEYS.slice(4)];
    await expect.poll(headerKeys).toEqual(moved);
    expect(JSON.parse(search().order)).toEqual(moved);
    expect(await row('resnet50 baseline').locator('[role=gridcell][data-column]').nth(2).getAttribute('data-column')).toBe(
      'status',
    );

    // Another project has its own layout; coming back without a layout in the URL brings this one back.
    const nlp = await app.projectId('Demo/NLP');
    await page.goto(`${srv.url}/projects/${nlp}/tasks`);
    await expect.poll(headerKeys).toEqual(DEFAULT_KEYS);
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(headerKeys).toEqual(moved);
    await expect.poll(async () => Math.round((await box(header('name'))).width)).toBe(Math.round(before + 80));
    expect(JSON.parse(search().order)).toEqual(moved);
  });

  test("keeps the layout in the user's preferences: a fresh browser signed in as the same user draws it, another user the default", async ({
    browser,
  }) => {
    // The layout the test before left on this project, and its name column's width.
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    const moved = ['id', 'name', 'status', 'type', ...DEFAULT_KEYS.slice(4)];
    await expect.poll(headerKeys).toEqual(moved);
    const width = Math.round((await box(header('name'))).width);
    // Sent once it has rested: the server holds it.
    await expect
      .poll(async () => (await srv.client.call('users.get_preferences', {})).preferences)
      .toMatchObject({ table_layout: { [resnet]: { order: moved } } });

    const fresh = await openPage(browser);
    try {
      await signedIn(fresh.page, `${srv.url}/projects/${resnet}/tasks`);
      const keys = () =>
        fresh.page
          .locator('[role=columnheader][data-column]')
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.column));
      await expect.poll(keys).toEqual(moved);
      await expect
        .poll(async () => Math.round((await fresh.page.locator('[role=columnheader][data-column="name"]').boundingBox())!.width))
        .toBe(width);
      expect(
        await fresh.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('taskdeck.table-layout'))),
      ).toEqual([`taskdeck.table-layout.${resnet}`]);
    } finally {
      await fresh.close();
    }

    await userClient(srv, 'layout-other', 'member');
    const other = await openPage(browser);
    try {
      await signedIn(other.page, `${srv.url}/projects/${resnet}/tasks`, 'layout-other', 'layout-other-password-123');
      await expect
        .poll(() =>
          other.page
            .locator('[role=columnheader][data-column]')
            .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.column)),
        )
        .toEqual(DEFAULT_KEYS);
    } finally {
      await other.close();
    }
  });

  test('says when a layout could not be saved, and saves it with the next change, made on another project of the page', async () => {
    const nlp = await app.projectId('Demo/NLP');
    const saved = async () =>
      ((await srv.client.call('users.get_preferences', {})).preferences as { table_layout?: Record<string, { w?: object }> })
        .table_layout ?? {};
    const api = `${srv.url}/api/v2.23/users.set_preferences`;
    await page.route(api, (route) => route.abort('failed'));
    await page.goto(`${srv.url}/projects/${nlp}/tasks`);
    await expect.poll(headerKeys).toEqual(DEFAULT_KEYS);
    const before = (await box(header('name'))).width;
    await dragBy(header('name').getByRole('separator'), 60);
    const nlpWidths = { name: Math.round(before + 60) };
    await expect(page.getByRole('alert')).toBeVisible();
    expect((await page.getByRole('alert').innerText()).trim()).not.toBe('');
    expect((await saved())[nlp]).toBeUndefined();
    await page.unroute(api);

    // Within the page (a reload starts from the server's copy): the breadcrumb's parent project, Demo.
    await page.getByRole('navigation', { name: 'breadcrumb' }).getByRole('link', { name: 'Demo', exact: true }).click();
    const demo = await app.projectId('Demo');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/projects/${demo}/tasks`);
    await expect(header('type')).toBeVisible();
    const typeBefore = (await box(header('type'))).width;
    await dragBy(header('type').getByRole('separator'), 30);
    await expect.poll(saved).toMatchObject({ [nlp]: { w: nlpWidths }, [demo]: { w: { type: Math.round(typeBefore + 30) } } });
  });

  test('a save that fails after a later one succeeded does not bring the older layout back', async () => {
    const forecasting = await app.projectId('Demo/Forecasting');
    const demo = await app.projectId('Demo');
    const saved = async () =>
      ((await srv.client.call('users.get_preferences', {})).preferences as { table_layout?: Record<string, { w?: object }> })
        .table_layout ?? {};
    const api = `${srv.url}/api/v2.23/users.set_preferences`;
    // The first save is held, then fails once a later save has gone through.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    let newest = 0;
    await page.route(api, async (route) => {
      if (!first) return route.continue();
      first = false;
      await held;
      await route.abort('failed');
    });
    try {
      await page.goto(`${srv.url}/projects/${forecasting}/tasks`);
      await expect(header('name')).toBeVisible();
      const before = (await box(header('name'))).width;
      await dragBy(header('name').getByRole('separator'), 40);
      await expect.poll(() => first).toBe(false);
      await dragBy(header('name').getByRole('separator'), 40);
      newest = Math.round(before + 80);
      await expect.poll(async () => (await saved())[forecasting]).toMatchObject({ w: { name: newest } });
      release();
      await expect(page.getByRole('alert')).toBeVisible();
    } finally {
      await page.unroute(api);
    }
    // The next change, on another project of the page, sends what is waiting: not the failed, older width.
    await page.getByRole('navigation', { name: 'breadcrumb' }).getByRole('link', { name: 'Demo', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/projects/${demo}/tasks`);
    const typeBefore = (await box(header('type'))).width;
    await dragBy(header('type').getByRole('separator'), -10);
    await expect.poll(async () => (await saved())[demo]).toMatchObject({ w: { type: Math.round(typeBefore - 10) } });
    expect((await saved())[forecasting]).toMatchObject({ w: { name: newest } });
  });

  test('keeps the name in view when scrolled right, rows span the scroll, and an added metric column (min, max) scrolls into view and flashes', async () => {
    const cols = ['comment', 'parent', 'hp:Args.lr', 'hp:Args.batch_size', 'hp:Args.optimizer', 'm:loss/train'];
    await page.goto(`${srv.url}/projects/${resnet}/tasks?cols=${encodeURIComponent(JSON.stringify(cols))}&sort=name`);
    await expect.poll(rowNames).toHaveLength(6);
    const s0 = await scroll();
    expect(s0.width).toBeGreaterThan(s0.client);
    // The addable task fields: the description as written, no parent.
    const baselineTask = (await srv.client.call('tasks.get_by_id', { task: ids['resnet50 baseline'] })).task;
    expect(await row('resnet50 baseline').locator('[data-column=comment]').innerText()).toBe(baselineTask.comment);
    expect(baselineTask.comment).not.toBe('');
    expect(await row('resnet50 baseline').locator('[data-column=parent]').innerText()).toBe('');
    expect(await header('comment').innerText()).toBe('DESCRIPTION');
    const name0 = await box(header('name'));

    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('menu', { name: 'add columns' });
    await menu.locator('[data-column="min:accuracy/validation"]').click();
    await expect.poll(() => header('min:accuracy/validation').getAttribute('data-flash')).toBe('true');
    await menu.locator('[data-column="max:accuracy/validation"]').click();
    await page.keyboard.press('Escape');
    const added = header('max:accuracy/validation');
    await expect.poll(() => added.getAttribute('data-flash')).toBe('true');
    expect(await added.innerText()).toMatch(/ACCURACY \/ VALIDATION \(MAX\)/);
    // Scrolled so the new column shows whole, right of the pinned columns.
    const s1 = await scroll();
    expect(s1.left).toBeGreaterThan(0);
    const g = await box(grid());
    const a = await box(added);
    expect(a.x + a.width).toBeLessThanOrEqual(g.x + g.width + 1);
    const nameNow = await box(header('name'));
    expect(a.x).toBeGreaterThanOrEqual(nameNow.x + nameNow.width - 1);
    // The pinned name has not moved, in the header or in the rows.
    expect(Math.round(nameNow.x)).toBe(Math.round(name0.x));
    const cell = row('resnet50 baseline').locator('[data-column=name]');
    expect(Math.round((await box(cell)).x)).toBe(Math.round(name0.x));
    expect(await cell.innerText()).toBe('resnet50 baseline');
    await expect.poll(() => added.getAttribute('data-flash')).toBeNull();

    // Rows are as wide as the scrolled content, so their lines reach the last column.
    const rowWidth = await row('resnet50 baseline').evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.round(rowWidth)).toBe(s1.width);

    // Values: the lowest and highest validation accuracy each run reported, as the server keeps them.
    const [t] = (await srv.client.call('tasks.get_all', { id: [ids['resnet50 baseline']], only_fields: ['last_metrics'] })).tasks;
    const acc = Object.values(t.last_metrics)
      .flatMap((v) => Object.values(v))
      .find((e) => e.metric === 'accuracy' && e.variant === 'validation')!;
    expect(acc.min_value).toBeLessThan(acc.max_value);
    const read = async (key: string) => Number(await row('resnet50 baseline').locator(`[data-column="${key}"]`).innerText());
    // A new metric column asks the server for rows with that value: until they come, the old rows stay drawn.
    await expect.poll(() => read('min:accuracy/validation')).toBeCloseTo(acc.min_value, 3);
    await expect.poll(() => read('max:accuracy/validation')).toBeCloseTo(acc.max_value, 3);
    expect(JSON.parse(search().cols)).toEqual([...cols, 'min:accuracy/validation', 'max:accuracy/validation']);
  });
});

test.describe('range and regex filters', () => {
  const applyRange = async (label: string, from: string, to: string) => {
    await page.getByRole('button', { name: `filter ${label}` }).click();
    const dialog = page.getByRole('dialog', { name: `filter ${label}` });
    const [a, b] = label === 'Started' || label === 'Updated' ? ['From', 'To'] : ['Min', 'Max'];
    await dialog.getByLabel(a).fill(from);
    await dialog.getByLabel(b).fill(to);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  };

  test('filters by a started date range, and by iteration, metric and hyper-parameter ranges, all in the URL', async () => {
    await page.goto(
      `${srv.url}/projects/${resnet}/tasks?cols=${encodeURIComponent(JSON.stringify(['m:accuracy/validation', 'hp:Args.lr']))}`,
    );
    await expect.poll(rowNames).toHaveLength(6);
    await applyRange('Started', '2026-01-05T00:00', '2026-01-15T00:00');
    await expect.poll(rowNames).toEqual(['resnet50 baseline']);
    expect(JSON.parse(search().range).started).toHaveLength(2);
    await page.locator('[data-range=started] .MuiChip-deleteIcon').click();
    await expect.poll(rowNames).toHaveLength(6);
    await applyRange('Started', '2026-01-15T00:00', '2026-02-02T12:00');
    await expect.poll(sortedNames).toEqual(['resnet50 adam', 'resnet50 lr sweep 0.01', 'resnet50 lr sweep 0.03']);
    await page.locator('[data-range=started] .MuiChip-deleteIcon').click();

    // Thresholds and expectations from the tasks as the API returns them.
    const tasks = await resnetTasks();
    const iterations = [...new Set(tasks.map((t) => t.last_iteration))].sort((x, y) => x - y);
    const midIter = iterations[Math.floor(iterations.length / 2)];
    await applyRange('Iteration', String(midIter), '');
    await expect.poll(sortedNames).toEqual(
      tasks
        .filter((t) => t.last_iteration >= midIter)
        .map((t) => t.name)
        .sort(),
    );
    await page.locator('[data-range=last_iteration] .MuiChip-deleteIcon').click();

    const accOf = (t: Task) =>
      Object.values(t.last_metrics ?? {})
        .flatMap((v) => Object.values(v))
        .find((e) => e.metric === 'accuracy' && e.variant === 'validation')?.value;
    const accs = tasks
      .map(accOf)
      .filter((v): v is number => v !== undefined)
      .sort((x, y) => x - y);
    const midAcc = (accs[1] + accs[2]) / 2;
    await applyRange('accuracy / validation', String(midAcc), '');
    const byAcc = tasks
      .filter((t) => (accOf(t) ?? -Infinity) >= midAcc)
      .map((t) => t.name)
      .sort();
    expect(byAcc.length).toBeGreaterThan(0);
    await expect.poll(sortedNames).toEqual(byAcc);

    await applyRange('Args/lr', '', '0.01');
    const both = tasks
      .filter((t) => (accOf(t) ?? -Infinity) >= midAcc && Number(t.hyperparams.Args.lr.value) <= 0.01)
      .map((t) => t.name)
      .sort();
    await expect.poll(sortedNames).toEqual(both);
    const range = JSON.parse(search().range);
    expect(range['hp:Args.lr']).toEqual([null, '0.01']);
    expect(range['m:accuracy/validation']).toEqual([String(midAcc), null]);
    await page.reload();
    await expect.poll(sortedNames).toEqual(both);
  });

  test('searches by a regular expression on the name, and shows why a pattern is refused', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(rowNames).toHaveLength(6);
    await page.getByRole('button', { name: 'regular expression' }).click();
    await page.getByLabel('Name regex').fill('^resnet50 (adam|base.*)$');
    await expect.poll(sortedNames).toEqual(['resnet50 adam', 'resnet50 baseline']);
    expect(search()).toMatchObject({ q: '^resnet50 (adam|base.*)$', re: 'true' });
    await page.getByLabel('Name regex').fill('resnet(?=50)');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'regular expression' }).innerText()).toMatch(/"name"/);
    await expect(page.getByRole('status', { name: 'task count' })).toHaveText('No count: the view was refused');
    await page.getByLabel('Name regex').fill('(a');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'regular expression' }).innerText()).toMatch(/missing/);
    // Plain text again: the same characters are a substring, found nowhere.
    await page.getByRole('button', { name: 'regular expression' }).click();
    await expect.poll(() => page.getByLabel('Search name, id, comment').count()).toBe(1);
    await expect.poll(() => page.getByRole('status', { name: 'task count' }).innerText()).toBe('0 tasks');
    // The refusal was said under the box alone: no page notice stays behind over the count once the view is fine.
    await expect(page.getByRole('alert').filter({ hasText: 'regular expression' })).toHaveCount(0);
  });
});

test.describe('projects page and side panel', () => {
  test('searches and sorts projects, and counts tasks by status, running now, compute time and last update', async () => {
    await page.goto(`${srv.url}/projects`);
    const cards = () =>
      page.locator('[data-project-card]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.projectCard));
    const { projects } = await srv.client.call('projects.get_all_ex', { include_stats: true });
    await expect.poll(cards).toHaveLength(projects.length);
    await page.getByLabel('Search projects').fill('VISION');
    const vision = projects.filter((p) => p.name.toLowerCase().includes('vision')).map((p) => p.name);
    await expect.poll(async () => (await cards()).sort()).toEqual(vision.sort());
    expect(search().q).toBe('VISION');
    await page.getByLabel('Search projects').fill('');
    await page.getByLabel('Sort by').click();
    await page.getByRole('option', { name: 'Tasks' }).click();
    const byTasks = [...projects]
      .sort(
        (x, y) =>
          (y.stats?.active?.total_tasks ?? 0) - (x.stats?.active?.total_tasks ?? 0) ||
          x.name.toLowerCase().localeCompare(y.name.toLowerCase()),
      )
      .map((p) => p.name);
    await expect.poll(cards).toEqual(byTasks);
    expect(search().sort).toBe('tasks');

    const card = page.locator('[data-project-card="Demo/Vision/ResNet"]');
    const tasks = await resnetTasks();
    const byStatus: Record<string, number> = {};
    for (const t of tasks) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
    const chips = await card
      .locator('[data-status-count]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.statusCount, e.textContent]));
    expect(Object.fromEntries(chips.map(([s, text]) => [s, Number(/\d+$/.exec(text!)![0])]))).toEqual(byStatus);
    expect(await card.locator('[data-stat=running] .MuiTypography-h6').innerText()).toBe(String(byStatus.in_progress));
    expect(await card.locator('[data-stat=tasks] .MuiTypography-h6').innerText()).toBe(String(tasks.length));
    // Compute time: the fixed runs plus the running one up to now, shown as hours and minutes.
    const shown = await card.locator('[data-stat=compute] .MuiTypography-h6').innerText();
    const [, h, m] = /^(\d+)h (\d+)m$/.exec(shown)!;
    const shownSeconds = Number(h) * 3600 + Number(m) * 60;
    const expected = FIXED_SECONDS + (Date.now() - longRunStartedAt) / 1000;
    expect(shownSeconds).toBeGreaterThan(expected - 120);
    expect(shownSeconds).toBeLessThanOrEqual(expected);
    await screenshot(page, 'projects');
    const last = tasks
      .map((t) => t.last_update)
      .sort()
      .at(-1)!;
    expect(await card.locator('[data-stat=updated]').innerText()).toContain(String(new Date(last).getFullYear()));
  });

  test('fits the side panel at 1440 px: every tab and the filters in view without scrolling', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    const filters = page.getByRole('group', { name: 'filters' });
    await expect.poll(rowNames).toHaveLength(6);
    // Without the panel: one row of filters.
    expect((await box(filters)).height).toBeLessThanOrEqual(48);
    await row('resnet50 adam').click();
    const panel = page.getByRole('region', { name: 'task panel' });
    await expect.poll(() => panel.getByRole('heading', { level: 1 }).innerText()).toBe('resnet50 adam');
    const tablist = panel.getByRole('tablist');
    const tabs = panel.getByRole('tab');
    await expect.poll(() => tabs.count()).toBe(8);
    const list = await box(tablist);
    for (const tab of await tabs.all()) {
      const b = await box(tab);
      expect(b.x).toBeGreaterThanOrEqual(list.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(list.x + list.width + 1);
    }
    const tabScroll = await tablist.evaluate((el) => {
      const s = el.closest('.MuiTabs-scroller') ?? el.parentElement!;
      return { width: s.scrollWidth, client: s.clientWidth };
    });
    expect(tabScroll.width).toBeLessThanOrEqual(tabScroll.client);
    await panel.getByRole('tab', { name: 'Info' }).click();
    await expect.poll(() => search().tab).toBe('info');
    // Beside the panel: still one row of filters, the rest behind "Filters".
    expect((await box(filters)).height).toBeLessThanOrEqual(48);
    await docsScreenshot(page, 'table-side-panel');
  });

  test('takes the screenshot of the table at 1440×900', async () => {
    await page.goto(`${srv.url}/projects/*/tasks?sort=name`);
    await expect.poll(async () => (await rowNames()).length).toBeGreaterThanOrEqual(13);
    await docsScreenshot(page, 'table');
  });
});
