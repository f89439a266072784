/**
 * Moving and deleting a project from its card. Move: a location picked or typed, the sub-projects following; the
 * project itself or one of its own sub-projects is refused in the dialog. Delete: the dialog says what the project
 * holds (projects.validate_delete) before anything is deleted; a project holding tasks not archived is not
 * deleted, one holding only archived tasks and models is deleted with them. The expected trees and counts are
 * written out from what is planted here.
 */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let app: AppSession;
let srv: TestServer;
let page: Page;
let oldRuns: string;
let archivedTask: string;

const names = async () => (await srv.client.call('projects.get_all', { search_hidden: true })).projects.map((p) => p.name).sort();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  ({ srv, page } = app);
  const project = async (name: string) => (await srv.client.call('projects.create', { name, description: '' })).id;
  const busy = await project('team/busy');
  await project('team/busy/inner');
  await project('shelf');
  oldRuns = await project('old runs');
  for (const name of ['a', 'b']) await srv.client.call('tasks.create', { name, type: 'training', project: busy });
  archivedTask = (await srv.client.call('tasks.create', { name: 'done long ago', type: 'training', project: oldRuns })).id;
  await srv.client.call('tasks.archive', { tasks: [archivedTask] });
  await srv.client.call('models.create', {
    name: 'old model',
    uri: 'file:///old.pt',
    project: oldRuns,
    system_tags: ['archived'],
  });
});
test.afterAll(() => app?.close());

test('moves a project with its sub-projects under another, and refuses a place under itself', async () => {
  await page.goto(`${srv.url}/projects`);
  await page.getByRole('button', { name: 'move team/busy', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Move team/busy' });
  const field = dialog.getByLabel('New location');
  await field.fill('team/busy/inner');
  await expect(dialog.getByText('A project cannot go under itself')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Move' })).toBeDisabled();
  await field.fill('');
  await field.press('ArrowDown');
  // The choices leave out the project, its sub-projects and where it already is.
  await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(['old runs', 'shelf']);
  await page.getByRole('option', { name: 'shelf', exact: true }).click();
  await expect(dialog.getByText('Goes with its sub-projects to shelf/busy')).toBeVisible();
  await screenshot(page, 'project-move');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect.poll(() => page.locator('[data-project-card="shelf/busy/inner"]').count()).toBe(1);
  expect(await names()).toEqual(['old runs', 'shelf', 'shelf/busy', 'shelf/busy/inner', 'team']);
});

test('says what a project holds before deleting it; one with tasks not archived is kept', async () => {
  await page.getByRole('button', { name: 'delete shelf', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete shelf?' });
  await expect
    .poll(() => dialog.getByLabel('cannot delete').innerText())
    .toBe('It holds 2 tasks not archived, counting its sub-projects. Archive or move them first.');
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await names()).toContain('shelf/busy');
});

test('deletes a project holding only archived things, with them', async () => {
  // Its card counts its active tasks, and so does the count of its own (no "-1 in sub-projects").
  await expect(page.locator('[data-project-card="old runs"]').getByText(/in sub-projects/)).toHaveCount(0);
  await page.getByRole('button', { name: 'delete old runs', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete old runs?' });
  await expect
    .poll(() => dialog.getByLabel('what is deleted').innerText())
    .toBe(
      'Its 1 archived task and 1 archived model (sub-projects included) are deleted with it, their outputs too. This cannot be undone.',
    );
  await screenshot(page, 'project-delete');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => page.locator('[data-project-card="old runs"]').count()).toBe(0);
  expect(await names()).not.toContain('old runs');
  const left = await srv.client.call('tasks.get_all', { id: [archivedTask], search_hidden: true });
  expect(left.tasks).toEqual([]);
  expect((await srv.client.call('models.get_all', {})).models.map((m) => m.name)).not.toContain('old model');
});

test("does not delete a project filled since its dialog opened, and says so in the dashboard's words", async () => {
  const { id } = await srv.client.call('projects.create', { name: 'filled later' });
  await page.getByRole('button', { name: 'delete filled later', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete filled later?' });
  await expect.poll(() => dialog.getByLabel('what is deleted').innerText()).toBe('The project is empty.');
  // The task comes between the click and the delete reaching the server: sooner, the live update would reach the
  // dialog first, which then says what the project holds and offers no Delete.
  const api = `${srv.url}/api/v2.23/projects.delete`;
  await page.route(api, async (route) => {
    await srv.client.call('tasks.create', { name: 'just in', type: 'training', project: id });
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Not deleted' });
  await expect(notice).toHaveText(
    'Not deleted: tasks or models were put in the project since this dialog opened. Open Delete again to see what it holds.',
  );
  expect(await names()).toContain('filled later');
  await page.unroute(api);
  await notice.getByRole('button', { name: 'Close' }).click();
  await srv.client.call('projects.delete', { project: id, force: true, delete_contents: true });
  await expect.poll(() => page.locator('[data-project-card="filled later"]').count()).toBe(0);
});

test('deletes an empty project', async () => {
  await page.getByRole('button', { name: 'delete team', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete team?' });
  await expect.poll(() => dialog.getByLabel('what is deleted').innerText()).toBe('The project is empty.');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(names).toEqual(['shelf', 'shelf/busy', 'shelf/busy/inner']);
});
