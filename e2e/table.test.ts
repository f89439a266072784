/** Issue: dashboard project tree and task table, against the real server and the demo data. */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { DEMO_RUNS } from '../src/client/demo/generate';
import { screenshot } from './support/browser';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;
let resnet: string;

const rowNames = async () =>
  (await page.locator('[role=row][data-task] [role=gridcell][data-column=name]').allInnerTexts()).map((s) => s.trim());

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
  resnet = await app.projectId('Demo/Vision/ResNet');
});
test.afterAll(() => app?.close());

test.describe('project tree and task table', () => {
  test('opens a project from the tree and lists its tasks', async () => {
    const tree = page.getByRole('navigation', { name: 'projects' });
    // Each node is opened until it shows as open: under load a click can land while the node above
    // is still unfolding (MUI Collapse), and the state reached is what this test is about.
    for (const name of ['Demo', 'Vision']) {
      const collapse = tree.getByRole('button', { name: `collapse ${name}` });
      await expect
        .poll(
          async () => {
            if ((await collapse.count()) === 0) {
              await tree
                .getByRole('button', { name: `expand ${name}` })
                .click({ timeout: 5_000 })
                .catch(() => {});
            }
            return collapse.count();
          },
          { timeout: 60_000, message: `the ${name} node opens` },
        )
        .toBe(1);
    }
    const opensResnet = async () => {
      // A click can be lost under load (the item moved or was drawn anew between the press and the
      // release: the item then only has the focus): clicked again until the page is the project's.
      const item = tree.getByRole('button', { name: 'project Demo/Vision/ResNet' });
      await expect
        .poll(
          async () => {
            const at = new URL(page.url()).pathname;
            if (at !== `/projects/${resnet}/tasks`) await item.click({ timeout: 5_000 }).catch(() => {});
            return new URL(page.url()).pathname;
          },
          { timeout: 60_000, message: 'picking ResNet in the tree opens its tasks' },
        )
        .toBe(`/projects/${resnet}/tasks`);
    };
    await opensResnet();
    await expect.poll(rowNames).toHaveLength(6);
    await expect.poll(() => page.getByRole('navigation', { name: 'breadcrumbs' }).innerText()).toContain('ResNet');
    await screenshot(page, 'table');
    // The path of the open project can be closed by hand, and picking a project opens it again.
    const resnetItem = tree.getByRole('button', { name: 'project Demo/Vision/ResNet' });
    await tree.getByRole('button', { name: 'collapse Vision' }).click();
    await expect.poll(() => resnetItem.count()).toBe(0);
    await tree.getByRole('button', { name: 'project Demo/Vision', exact: true }).click();
    await expect.poll(() => resnetItem.count()).toBe(1);
    await expect.poll(() => new URL(page.url()).pathname).not.toBe(`/projects/${resnet}/tasks`);
    await opensResnet();
  });

  test("takes mouse clicks on the side panel's title row: the name's pencil and the tags", async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await page.locator('[role=row][data-task] [role=gridcell][data-column=name]').filter({ hasText: 'resnet50 adam' }).click();
    const panel = page.getByRole('region', { name: 'task panel' });
    await expect(panel.getByRole('heading', { level: 1 })).toHaveText('resnet50 adam');
    // Clicks, not keys: a bar over the row took them before.
    await panel.getByRole('button', { name: 'edit name' }).click();
    await expect(panel.getByLabel('Name')).toBeVisible();
    await page.keyboard.press('Escape');
    await panel.getByRole('button', { name: 'add tag' }).click();
    await expect(panel.getByLabel('New tag')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel.getByRole('button', { name: 'close panel' })).toBeVisible();
  });

  test('filters by type and by state, and searches', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?deep=true`);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await rowNames()).sort())
      .toEqual(['resnet50 adam', 'resnet50 baseline', 'resnet50 lr sweep 0.03']);
    await page.getByLabel('Search name, id, comment').fill('adam');
    await expect.poll(rowNames).toEqual(['resnet50 adam']);
    await page.getByLabel('Search name, id, comment').fill('');
    await page.goto(`${srv.url}/projects/*/tasks`);
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'inference' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(rowNames).toEqual(['serve sentiment']);
  });

  test("filters a hyperparameter column by values the project's tasks hold", async () => {
    // Expected from the demo's definition: ResNet's runs (sub-projects none) and their optimizers.
    const runs = DEMO_RUNS.filter((r) => r.project === 'Demo/Vision/ResNet');
    const optimizers = [...new Set(runs.map((r) => r.optimizer))].sort();
    const cols = encodeURIComponent(JSON.stringify(['hp:Args.optimizer']));
    await page.goto(`${srv.url}/projects/${resnet}/tasks?cols=${cols}`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.getByRole('button', { name: 'filter Args/optimizer' }).click();
    const dialog = page.getByRole('dialog', { name: 'filter Args/optimizer' });
    // Every optimizer is a name: no Min and Max to give.
    await dialog.getByLabel('One of these values').click();
    await expect(dialog.getByLabel('Min')).toHaveCount(0);
    await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(optimizers);
    await page.getByRole('option', { name: 'adam', exact: true }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'hp-values-filter');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const adam = runs.filter((r) => r.optimizer === 'adam').map((r) => r.name);
    await expect.poll(async () => (await rowNames()).sort()).toEqual(adam.sort());
    await expect(page.locator('[data-values="hp:Args.optimizer"]')).toHaveText('Args/optimizer: adam');
    await page.reload();
    await expect.poll(async () => (await rowNames()).sort()).toEqual(adam.sort());
    await page.locator('[data-values="hp:Args.optimizer"] .MuiChip-deleteIcon').click();
    await expect.poll(async () => (await rowNames()).length).toBe(runs.length);

    // A numeric parameter keeps its range beside the values.
    await page.goto(`${srv.url}/projects/${resnet}/tasks?cols=${encodeURIComponent(JSON.stringify(['hp:Args.lr']))}`);
    await page.getByRole('button', { name: 'filter Args/lr' }).click();
    const lr = page.getByRole('dialog', { name: 'filter Args/lr' });
    await expect(lr.getByLabel('Or one of these values')).toBeVisible();
    await expect(lr.getByLabel('Min')).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('sorts by a column, adds a metric column, and a reload restores the same view', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await page.locator('[role=columnheader][data-column=name]').click();
    await expect
      .poll(rowNames)
      .toEqual([
        'resnet50 aborted',
        'resnet50 adam',
        'resnet50 baseline',
        'resnet50 long run',
        'resnet50 lr sweep 0.01',
        'resnet50 lr sweep 0.03',
      ]);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menu', { name: 'add columns' }).locator('[data-column="m:accuracy/validation"]').click();
    await page.keyboard.press('Escape');
    const header = page.locator('[role=columnheader][data-column="m:accuracy/validation"]');
    await expect.poll(() => header.count()).toBe(1);
    await header.click();
    // Ascending by the metric: the failed run (loss blew up) has the lowest accuracy.
    await expect.poll(async () => (await rowNames())[0]).toBe('resnet50 adam');
    const url = page.url();
    expect(url).toContain('sort=');
    expect(decodeURIComponent(url)).toContain('m:accuracy/validation');
    await page.reload();
    await expect.poll(async () => (await rowNames())[0]).toBe('resnet50 adam');
    await expect.poll(() => header.count()).toBe(1);
    const cell = await page
      .locator('[role=row][data-task] [role=gridcell][data-column="m:accuracy/validation"]')
      .first()
      .innerText();
    expect(Number.isFinite(Number(cell)) && cell.trim() !== '').toBe(true);
    await screenshot(page, 'table-metric-column');

    // Hiding a default column sticks across a reload too.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menu', { name: 'add columns' }).locator('[data-column="user"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[role=columnheader][data-column=user]').count()).toBe(0);
    await page.reload();
    await expect.poll(() => header.count()).toBe(1);
    expect(await page.locator('[role=columnheader][data-column=user]').count()).toBe(0);
    expect(await page.locator('[role=columnheader][data-column=name]').count()).toBe(1);
  });

  test('sorts by run time on the server: completed − started, or now − started while running', async () => {
    const r = await srv.client.call('tasks.get_all_ex', {
      project: [resnet],
      only_fields: ['name', 'started', 'completed', 'last_update', 'status'],
    });
    const now = Date.now();
    const ran = (t: (typeof r.tasks)[number]) => {
      if (!t.started) return -1;
      const end = t.completed ?? (t.status === 'in_progress' ? null : t.last_update);
      return (end ? Date.parse(end) : now) - Date.parse(t.started);
    };
    const runTime = new Map(r.tasks.map((t) => [t.name, ran(t)]));
    const ascending = [...runTime.values()].sort((a, b) => a - b);
    // The demo's run times are real milliseconds of its making: two tasks may have run as long, and
    // either order is then right. The rows must hold every task, their run times in order.
    expect(new Set(ascending).size).toBeGreaterThanOrEqual(4);
    const rowRunTimes = async () => (await rowNames()).map((name) => runTime.get(name));
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    const header = page.locator('[role=columnheader][data-column=runtime]');
    await header.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('active_duration');
    await expect.poll(rowRunTimes).toEqual(ascending);
    await header.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-active_duration');
    await expect.poll(rowRunTimes).toEqual([...ascending].reverse());
  });

  test('Shift-click sorts by a second column within the first: ascending, descending, then out', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=status`);
    const statusHeader = page.locator('[role=columnheader][data-column=status]');
    const nameHeader = page.locator('[role=columnheader][data-column=name]');
    await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
    const rows = async () => {
      const names = await rowNames();
      const statuses = await page.locator('[role=row][data-task] [role=gridcell][data-column=status]').allInnerTexts();
      return names.map((name, i) => ({ name, status: statuses[i].trim() }));
    };
    await expect.poll(async () => (await rows()).length).toBe(6);
    const byStatus = await rows();
    // The status groups keep their order; each group's names go in the order asked.
    const within = (desc: boolean) => {
      const groups = [...new Set(byStatus.map((r) => r.status))];
      return groups.flatMap((g) => {
        const names = byStatus.filter((r) => r.status === g).map((r) => r.name);
        names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return desc ? names.reverse() : names;
      });
    };
    expect(new Set(byStatus.map((r) => r.status)).size).toBeLessThan(6);
    const thenBy = () => new URL(page.url()).searchParams.get('thenBy');

    await nameHeader.click({ modifiers: ['Shift'] });
    await expect.poll(rowNames).toEqual(within(false));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('status');
    expect(JSON.parse(thenBy()!)).toEqual(['name']);
    await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
    await expect(nameHeader).toHaveAttribute('aria-description', 'sort key 2 of 2, ascending');
    await expect(nameHeader).toHaveAttribute('data-sort-rank', '2');

    await nameHeader.click({ modifiers: ['Shift'] });
    await expect.poll(rowNames).toEqual(within(true));
    await expect(nameHeader).toHaveAttribute('aria-description', 'sort key 2 of 2, descending');
    await page.reload();
    await expect.poll(rowNames).toEqual(within(true));

    await nameHeader.click({ modifiers: ['Shift'] });
    await expect.poll(thenBy).toBeNull();
    await expect(nameHeader).not.toHaveAttribute('data-sort-rank');
    await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
    // A plain click sorts by that column alone.
    await nameHeader.click({ modifiers: ['Shift'] });
    await expect.poll(thenBy).not.toBeNull();
    await nameHeader.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    expect(thenBy()).toBeNull();
    await expect(statusHeader).toHaveAttribute('aria-sort', 'none');
    await expect.poll(rowNames).toEqual(byStatus.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  test('sorts from the keyboard: Enter on a header sorts by it, Shift+Enter adds it, and no row opens', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(async () => (await rowNames()).length).toBe(6);
    const statusHeader = page.locator('[role=columnheader][data-column=status]');
    const nameHeader = page.locator('[role=columnheader][data-column=name]');
    await statusHeader.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('status');
    await nameHeader.focus();
    await page.keyboard.press('Shift+Enter');
    await expect(nameHeader).toHaveAttribute('data-sort-rank', '2');
    await page.keyboard.press('Shift+Space');
    await expect(nameHeader).toHaveAttribute('aria-description', 'sort key 2 of 2, descending');
    expect(new URL(page.url()).searchParams.get('task')).toBeNull();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    await expect(statusHeader).toHaveAttribute('aria-sort', 'none');
    expect(new URL(page.url()).searchParams.get('task')).toBeNull();
  });

  test('the sortable headers are one tab stop, the arrows moving between them', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(async () => (await rowNames()).length).toBe(6);
    const sortable = page.locator('[role=columnheader][data-sort-field]');
    const inTabOrder = () => sortable.evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).length);
    expect(await sortable.count()).toBeGreaterThan(5);
    expect(await inTabOrder()).toBe(1);
    await sortable.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(sortable.nth(1)).toBeFocused();
    await expect(sortable.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(sortable.first()).toHaveAttribute('tabindex', '-1');
    expect(await inTabOrder()).toBe(1);
    await page.keyboard.press('End');
    await expect(sortable.last()).toBeFocused();
    await page.keyboard.press('Enter');
    const last = await sortable.last().getAttribute('data-sort-field');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe(last);
    await page.keyboard.press('Home');
    await expect(sortable.first()).toBeFocused();
    // Tab leaves for the next control, not the next header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-sort-field'))).toBe(false);
  });

  test('exports the view as CSV: its filter, its sort and its columns', async () => {
    const search = `statuses=${encodeURIComponent(JSON.stringify(['completed', 'published']))}&sort=name&cols=${encodeURIComponent(JSON.stringify(['hp:Args.lr']))}`;
    await page.goto(`${srv.url}/projects/${resnet}/tasks?${search}`);
    await expect.poll(rowNames).toEqual(['resnet50 baseline', 'resnet50 lr sweep 0.01', 'resnet50 lr sweep 0.03']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tasks.csv');
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('ID,Name,Type,Status,Tags,User,Started,Updated,Run time (s),Iteration,Args/lr');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual([
      [ids['resnet50 baseline'], 'resnet50 baseline', 'training', 'Completed'],
      [ids['resnet50 lr sweep 0.01'], 'resnet50 lr sweep 0.01', 'training', 'Published'],
      [ids['resnet50 lr sweep 0.03'], 'resnet50 lr sweep 0.03', 'training', 'Completed'],
    ]);
    expect(lines[2].split(',').at(-1)).toBe('0.01');
  });

  test('is usable with the keyboard: arrows move, Enter opens', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    await expect.poll(rowNames).toHaveLength(6);
    await page.getByRole('grid', { name: 'tasks' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tasks?**task=${ids['resnet50 baseline']}**`);
    await expect
      .poll(() => page.getByRole('region', { name: 'task panel' }).getByRole('heading', { level: 1 }).innerText())
      .toBe('resnet50 baseline');
  });

  test("Space on a row's checkbox selects that row, not the grid's active row", async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    await expect.poll(rowNames).toHaveLength(6);
    await page.getByRole('grid', { name: 'tasks' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const adam = page.getByRole('checkbox', { name: 'select resnet50 adam' });
    const baseline = page.getByRole('checkbox', { name: 'select resnet50 baseline' });
    await adam.focus();
    await page.keyboard.press(' ');
    await expect(adam).toBeChecked();
    await expect(baseline).not.toBeChecked();
    // Enter on the checkbox opens nothing.
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).searchParams.get('task')).toBe(null);
    await page.keyboard.press(' ');
    await expect(adam).not.toBeChecked();
  });

  test('opens a task beside the table (the list stays in view), keeps the panel on reload, and goes full page', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    await expect.poll(rowNames).toHaveLength(6);
    await page.locator('[role=row][data-task]').filter({ hasText: 'resnet50 adam' }).click();
    const panel = page.getByRole('region', { name: 'task panel' });
    await expect.poll(() => panel.getByRole('heading', { level: 1 }).innerText()).toBe('resnet50 adam');
    expect(await rowNames()).toHaveLength(6);
    expect(await page.locator('[role=row][aria-current=true]').innerText()).toContain('resnet50 adam');
    await panel.getByRole('tab', { name: 'Configuration' }).click();
    await page.waitForURL(/tab=configuration/);
    await screenshot(page, 'table-side-panel');
    await page.reload();
    await expect.poll(() => panel.getByRole('tab', { name: 'Configuration', selected: true }).count()).toBe(1);
    await expect.poll(rowNames).toHaveLength(6);
    // Another row replaces the panel's task, on the same tab.
    await page.locator('[role=row][data-task]').filter({ hasText: 'resnet50 baseline' }).click();
    await expect.poll(() => panel.getByRole('heading', { level: 1 }).innerText()).toBe('resnet50 baseline');
    expect(page.url()).toContain('tab=configuration');
    await panel.getByRole('button', { name: 'open full page' }).click();
    await page.waitForURL(`**/tasks/${ids['resnet50 baseline']}/configuration`);
    await page.goBack();
    await page.getByRole('button', { name: 'close panel' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(page.url()).not.toContain('task=');
  });

  test('opens a task from the URL the ClearML SDK prints', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/experiments/${ids['resnet50 baseline']}/output/log`);
    await page.waitForURL(`**/tasks/${ids['resnet50 baseline']}/console`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('resnet50 baseline');
  });

  test("opens a project's tasks from its own address and ClearML's, and a task from ClearML's", async () => {
    for (const tail of ['', '/experiments']) {
      await page.goto(`${srv.url}/projects/${resnet}${tail}`);
      await page.waitForURL(`**/projects/${resnet}/tasks`);
      await expect.poll(() => page.getByRole('grid').count()).toBe(1);
    }
    await page.goto(`${srv.url}/projects/${resnet}/experiments/${ids['resnet50 baseline']}`);
    await page.waitForURL(`**/tasks/${ids['resnet50 baseline']}/execution`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('resnet50 baseline');
    // The window's title names the task, and the project tree marks the project it is in.
    await expect.poll(() => page.title()).toBe('resnet50 baseline · Taskdeck');
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await expect.poll(() => page.title()).toMatch(/ · Taskdeck$/);
    const current = page.locator('[aria-current=page][data-project]');
    await expect(current).toHaveCount(1);
    expect(await page.title()).toBe(`${await current.getAttribute('data-project')} · Taskdeck`);
  });

  test('creates, renames, and refuses to delete a non-empty project with a clear message', async () => {
    await page.goto(`${srv.url}/projects`);
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Project path').fill('Scratch/area');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('[data-project-card="Scratch/area"]').count()).toBe(1);
    await page.getByRole('button', { name: 'rename Scratch/area' }).click();
    await page.getByLabel('Project path').fill('Scratch/renamed');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.locator('[data-project-card="Scratch/renamed"]').count()).toBe(1);
    await page.getByRole('button', { name: 'delete Demo/Vision/ResNet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Demo/Vision/ResNet?' });
    await expect
      .poll(() => dialog.getByLabel('cannot delete').innerText())
      .toBe('It holds 6 tasks and 4 models not archived, counting its sub-projects. Archive or move them first.');
    await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const { projects } = await srv.client.call('projects.get_all', {});
    expect(projects.map((p) => p.name)).toContain('Demo/Vision/ResNet');
    expect(projects.map((p) => p.name)).toContain('Scratch/renamed');
  });
});

test.describe('first run', () => {
  test('goes once a script logs the first run, without a reload', async ({ browser }) => {
    const empty = await openApp(browser, { demo: false });
    try {
      const start = empty.page.getByRole('region', { name: 'get started' });
      await start.waitFor();
      // A run logged from outside the page (a script through the API).
      await empty.srv.client.call('tasks.create', { name: 'first script run', type: 'training' });
      await expect(start).toHaveCount(0, { timeout: 30_000 });
    } finally {
      await empty.close();
    }
  });

  test('shows how to connect and loads the demo data', async ({ browser }) => {
    const empty = await openApp(browser, { demo: false });
    try {
      // Keys are made in Settings (the page holds no secret to show).
      const start = empty.page.getByRole('region', { name: 'get started' });
      await start.getByRole('link', { name: 'Settings' }).waitFor();
      expect(await start.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/settings');
      expect(await start.innerText()).not.toContain('TESTACCESSKEY0000001');
      await screenshot(empty.page, 'first-run');
      await empty.page.getByRole('button', { name: 'Load demo data' }).click();
      // The panel, with its progress, stays until the whole demo is stored (projects show as they come).
      await expect.poll(() => start.count(), { timeout: 90_000 }).toBe(0);
      await expect
        .poll(() => empty.page.locator('[data-project-card="Demo/Vision/ResNet"]').count(), { timeout: 60_000 })
        .toBe(1);
      const { tasks } = await empty.srv.client.call('tasks.get_all', {});
      expect(tasks.length).toBeGreaterThanOrEqual(13);
    } finally {
      await empty.close();
    }
  });
});
