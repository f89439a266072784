/** Issue: lifecycle actions (clone, edit, enqueue, dequeue, reset, publish, archive, delete) in the browser, checked in the store. */
import type { Page, Request } from 'playwright-core';
import { expect, test } from './support/test';
import type { TestServer } from '../src/server/testing/server';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let srv: TestServer;
let ids: Record<string, string>;
let app: AppSession;
let page: Page;
let resnet: string;
let cloneId: string;

const get = async (id: string) => (await srv.client.call('tasks.get_by_id', { task: id })).task;
const open = (id: string, tab = 'execution') => page.goto(`${srv.url}/projects/${resnet}/tasks/${id}/${tab}`);
const header = () => page.locator('main header');
const more = async (action: string) => {
  await page.getByRole('toolbar', { name: 'task actions' }).getByRole('button', { name: 'more actions' }).click();
  await page.getByRole('menuitem', { name: action }).click();
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser);
  ({ srv, ids, page } = app);
  resnet = await app.projectId('Demo/Vision/ResNet');
});
test.afterAll(() => app?.close());

test.describe('clone, edit, enqueue', () => {
  test('clones a Completed task into a Draft and opens it', async () => {
    await open(ids['resnet50 baseline']);
    await header().getByRole('button', { name: 'Clone' }).click();
    // ClearML's web app suggests "Clone Of <name>".
    await expect(page.getByLabel('New task name')).toHaveValue('Clone Of resnet50 baseline');
    await page.getByLabel('New task name').fill('baseline clone');
    await page.getByRole('dialog').getByRole('button', { name: 'Clone' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f]{32}\/configuration$/);
    cloneId = /\/tasks\/([0-9a-f]{32})\//.exec(page.url())![1];
    expect(cloneId).not.toBe(ids['resnet50 baseline']);
    const t = await get(cloneId);
    expect(t).toMatchObject({ name: 'baseline clone', status: 'created', parent: ids['resnet50 baseline'] });
    await expect.poll(() => header().innerText()).toContain('Draft');
  });

  test('edits two hyperparameters and a configuration object, validating before save', async () => {
    await page.getByRole('button', { name: 'edit Args' }).click();
    await page.getByLabel('value of lr').fill('abc');
    await expect.poll(() => page.getByRole('button', { name: 'save Args' }).isDisabled()).toBe(true);
    await page.getByLabel('value of lr').fill('0.5');
    await page.getByLabel('value of batch_size').fill('128');
    await page.getByRole('button', { name: 'save Args' }).click();
    await expect.poll(async () => (await get(cloneId)).hyperparams.Args.lr.value).toBe('0.5');
    expect((await get(cloneId)).hyperparams.Args.batch_size.value).toBe('128');
    // Changed values are highlighted against the parent.
    await expect.poll(() => page.locator('[data-param="Args/lr"]').getAttribute('data-changed')).toBe('true');
    expect(await page.locator('[data-param="Args/epochs"]').getAttribute('data-changed')).toBeNull();

    // A colleague saves another parameter of the section meanwhile (through the API: any server): both edits stay.
    const epochs = (await get(cloneId)).hyperparams.Args.epochs.value;
    await page.getByRole('button', { name: 'edit Args' }).click();
    await srv.client.call('tasks.edit_hyper_params', {
      task: cloneId,
      hyperparams: [{ section: 'Args', name: 'optimizer', value: 'adamw' }],
    });
    await page.getByLabel('value of epochs').fill('12');
    await page.getByRole('button', { name: 'save Args' }).click();
    await expect.poll(async () => (await get(cloneId)).hyperparams.Args.epochs.value).toBe('12');
    const args = (await get(cloneId)).hyperparams.Args;
    expect(args.optimizer.value).toBe('adamw');
    expect([args.lr.value, args.batch_size.value]).toEqual(['0.5', '128']);
    expect(epochs).not.toBe('12');

    await page.getByRole('button', { name: 'edit configuration model config' }).click();
    const editor = page
      .getByRole('region', { name: /Configuration object: model config/ })
      .locator('.monaco-editor')
      .first();
    await editor.click();
    await page.keyboard.press('Control+A');
    // Monaco closes brackets by itself, so break the YAML another way.
    await page.keyboard.type('model: arch: broken');
    await expect.poll(() => page.getByRole('button', { name: 'save configuration model config' }).isDisabled()).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('model: {arch: resnet101, pretrained: false}\n');
    await page.getByRole('button', { name: 'save configuration model config' }).click();
    await expect.poll(async () => (await get(cloneId)).configuration['model config'].value).toContain('resnet101');
    await screenshot(page, 'edit-draft');
  });

  test('deletes a configuration object of the Draft once confirmed', async () => {
    await srv.client.call('tasks.edit_configuration', {
      task: cloneId,
      configuration: [{ name: 'scratch', value: 'x: 1', type: 'yaml' }],
    });
    await page.reload();
    await page.getByRole('button', { name: 'delete configuration scratch' }).click();
    await page
      .getByRole('dialog', { name: 'Delete configuration object scratch?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(async () => Object.keys((await get(cloneId)).configuration)).toEqual(['model config']);
    await expect(page.getByRole('region', { name: /Configuration object: scratch/ })).toHaveCount(0);
  });

  test('enqueues it on the default queue; the table shows it Pending with the new values', async () => {
    await header().getByRole('button', { name: 'Enqueue' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Queue' }).innerText()).toContain('default');
    // No agent runs in this test: the dialog says the task will wait, and how to start one.
    expect(await page.getByRole('combobox', { name: 'Queue' }).innerText()).toContain('0 workers');
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').innerText()).toContain('No agent serves default now');
    await page.getByRole('dialog').getByRole('button', { name: 'Enqueue' }).click();
    await expect.poll(async () => (await get(cloneId)).status).toBe('queued');
    await page.goto(`${srv.url}/projects/${resnet}/tasks?cols=${encodeURIComponent(JSON.stringify(['hp:Args.lr']))}`);
    const row = page.locator(`[role=row][data-task="${cloneId}"]`);
    await expect.poll(() => row.innerText()).toContain('Pending');
    expect(await row.innerText()).toContain('0.5');
    await row.click();
    await expect.poll(() => header().innerText()).toContain('resnet50 baseline');
  });
});

test.describe('execution of a Draft', () => {
  test("edits the entry point and output destination, discards the diff, and puts back the task's own package list after an agent froze it", async () => {
    const { id } = await srv.client.call('tasks.create', {
      name: 'ran on an agent',
      type: 'training',
      project: resnet,
      script: {
        repository: 'https://example.com/repo.git',
        entry_point: 'train.py',
        binary: 'python3',
        diff: 'diff --git a/train.py b/train.py\n',
        requirements: { pip: 'numpy==2.1.0\nscipy==1.14.1\n', org_pip: 'numpy\n' },
      },
    });
    await open(id);
    await page.getByRole('button', { name: 'edit execution' }).click();
    await page.getByLabel('Entry point').fill('eval.py');
    await page.getByLabel('Tag', { exact: true }).fill('v1.2');
    await page.getByLabel('Output destination').fill('file:///srv/models');
    await page.getByRole('button', { name: 'Discard the changes' }).click();
    await page.getByRole('button', { name: 'Reset to the original list' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: /Installed packages/ })
          .locator('.view-lines')
          .innerText(),
      )
      .toBe('numpy');
    await page.getByRole('button', { name: 'save execution' }).click();
    await expect.poll(async () => (await get(id)).script?.entry_point).toBe('eval.py');
    const saved = await get(id);
    expect(saved.script?.requirements).toEqual({ pip: 'numpy\n', org_pip: 'numpy\n' });
    expect(saved.script?.diff).toBe('');
    expect(saved.script?.tag).toBe('v1.2');
    expect(saved.output?.destination).toBe('file:///srv/models');
  });
});

test.describe('container setup script', () => {
  test("edits a Draft's container setup script, which clearml-agent runs in docker mode, keeping its image", async () => {
    const { id } = await srv.client.call('tasks.create', {
      name: 'in a container',
      type: 'training',
      project: resnet,
      container: { image: 'python:3.11', arguments: '--ipc=host' },
    } as never);
    await open(id);
    await expect(page.getByText('No setup script')).toBeVisible();
    await page.getByRole('button', { name: 'edit execution' }).click();
    await page.getByRole('region', { name: 'Container setup script' }).locator('.monaco-editor').first().click();
    await page.keyboard.type('apt-get install -y libgl1');
    await page.getByRole('button', { name: 'save execution' }).click();
    await expect.poll(async () => (await get(id)).container?.setup_shell_script).toBe('apt-get install -y libgl1');
    expect((await get(id)).container).toMatchObject({ image: 'python:3.11', arguments: '--ipc=host' });
    await expect(page.getByRole('region', { name: 'Container setup script' }).locator('.view-lines')).toHaveText(
      'apt-get install -y libgl1',
    );
  });
});

test.describe('a task defined by hand', () => {
  test('creates a Draft in the open project with its code and packages, and opens it', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks`);
    await page.getByRole('button', { name: 'New task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    expect(await dialog.getByRole('button', { name: 'Create' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Task name').fill('hand made');
    await dialog.getByLabel('Repository').fill('https://example.com/models.git');
    await dialog.getByLabel('Branch').fill('main');
    await dialog.getByLabel('Entry point').fill('train.py');
    await dialog.getByLabel('Packages, one a line').fill('numpy\ntorch==2.5.0');
    await screenshot(page, 'new-task');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f]{32}\/execution$/);
    const id = /\/tasks\/([0-9a-f]{32})\//.exec(page.url())![1];
    expect(await get(id)).toMatchObject({
      name: 'hand made',
      status: 'created',
      project: resnet,
      type: 'training',
      script: {
        repository: 'https://example.com/models.git',
        branch: 'main',
        working_dir: '.',
        entry_point: 'train.py',
        binary: 'python3',
        requirements: { pip: 'numpy\ntorch==2.5.0\n' },
      },
    });
    await expect.poll(() => header().innerText()).toContain('hand made');
  });
});

test.describe('name, description and tags', () => {
  test('renames a Completed task, describes it, and adds and removes a tag, each in the store', async () => {
    const { id } = await srv.client.call('tasks.create', {
      name: 'finished run',
      type: 'training',
      project: resnet,
    });
    await srv.client.call('tasks.started', { task: id });
    await srv.client.call('tasks.completed', { task: id });
    await open(id, 'info');
    await header().getByRole('button', { name: 'edit name' }).click();
    await page.getByLabel('Name').fill('finished run, renamed');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await get(id)).name).toBe('finished run, renamed');
    // The store can have the name before the page has its answer. Until then the name's input is open, and it
    // is wide: a click elsewhere closes it at mouse-down, moving the tag button before mouse-up.
    await expect(header().getByRole('heading', { name: 'finished run, renamed' })).toBeVisible();

    await header().getByRole('button', { name: 'add tag' }).click();
    await page.getByLabel('New tag').fill('keeper');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await get(id)).tags).toEqual(['keeper']);
    await header().getByRole('button', { name: 'tag keeper' }).locator('.MuiChip-deleteIcon').click();
    await expect.poll(async () => (await get(id)).tags).toEqual([]);
    // Undo puts it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await get(id)).tags).toEqual(['keeper']);
    // In its place among the others.
    await srv.client.call('tasks.update', { task: id, tags: ['first', 'keeper', 'last'] });
    await expect(header().getByRole('button', { name: 'tag last' })).toBeVisible();
    await header().getByRole('button', { name: 'tag keeper' }).locator('.MuiChip-deleteIcon').click();
    await expect.poll(async () => (await get(id)).tags).toEqual(['first', 'last']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await get(id)).tags).toEqual(['first', 'keeper', 'last']);
    await srv.client.call('tasks.update', { task: id, tags: [] });
    await expect(header().getByRole('button', { name: 'tag last' })).toHaveCount(0);
    // A new tag offers the tags other tasks hold, as it is typed.
    await header().getByRole('button', { name: 'add tag' }).click();
    await page.getByLabel('New tag').fill('BASE');
    await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(['baseline']);
    await page.getByRole('option', { name: 'baseline' }).click();
    await expect.poll(async () => (await get(id)).tags).toEqual(['baseline']);
    await header().getByRole('button', { name: 'tag baseline' }).locator('.MuiChip-deleteIcon').click();
    await expect.poll(async () => (await get(id)).tags).toEqual([]);

    await page.getByRole('button', { name: 'edit description' }).click();
    await page.getByRole('textbox', { name: 'Description' }).fill('the run to beat');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await get(id)).comment).toBe('the run to beat');
    expect((await get(id)).status).toBe('completed');
  });

  test('Tab or a click away saves what was typed; Escape drops it; each save is sent once', async () => {
    const { id } = await srv.client.call('tasks.create', { name: 'typed name', type: 'training', project: resnet });
    await open(id, 'info');
    const sent: string[] = [];
    const note = (r: Request) => {
      if (r.url().endsWith('/tasks.update')) sent.push(r.postData() ?? '');
    };
    page.on('request', note);
    try {
      const editName = async (text: string) => {
        await header().getByRole('button', { name: 'edit name' }).click();
        await page.getByLabel('Name').fill(text);
      };
      await editName('dropped name');
      await page.keyboard.press('Escape');
      await expect(header().getByRole('heading', { name: 'typed name' })).toBeVisible();

      await editName('tabbed name');
      await page.keyboard.press('Tab');
      await expect.poll(async () => (await get(id)).name).toBe('tabbed name');
      await expect(header().getByRole('heading', { name: 'tabbed name' })).toBeVisible();

      await editName('entered name');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await get(id)).name).toBe('entered name');

      await page.getByRole('button', { name: 'edit description' }).click();
      await page.getByRole('textbox', { name: 'Description' }).fill('typed, then clicked away');
      await header().getByRole('heading', { name: 'entered name' }).click();
      await expect.poll(async () => (await get(id)).comment).toBe('typed, then clicked away');

      // Opened and left unchanged: nothing is sent.
      await page.getByRole('button', { name: 'edit description' }).click();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('textbox', { name: 'Description' })).toHaveCount(0);
      expect(sent.some((body) => body.includes('dropped name'))).toBe(false);
      expect(sent).toHaveLength(3);
    } finally {
      page.off('request', note);
    }
  });

  test('a click away lands where aimed; a refused save comes back, taking the focus only when nothing has it', async () => {
    const { id } = await srv.client.call('tasks.create', { name: 'kept name', type: 'training', project: resnet });
    await open(id, 'info');
    const name = page.getByRole('textbox', { name: 'Name' });
    const newTag = page.getByLabel('New tag');
    // The name's input is taller than the name: closed at the press, it moved the tag button before the release.
    await header().getByRole('button', { name: 'edit name' }).click();
    await name.fill('clicked away name');
    await header().getByRole('button', { name: 'add tag' }).click();
    await expect(newTag).toBeFocused();
    await expect.poll(async () => (await get(id)).name).toBe('clicked away name');
    await page.keyboard.press('Escape');
    await expect(newTag).toHaveCount(0);

    // An empty name is refused by the server. Left for the tag button, the draft comes back while the tag's input
    // keeps the focus.
    await header().getByRole('button', { name: 'edit name' }).click();
    await name.fill('');
    await header().getByRole('button', { name: 'add tag' }).click();
    await expect(page.getByText(/must not be empty/)).toBeVisible();
    await expect(name).toHaveValue('');
    await expect(newTag).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(newTag).toHaveCount(0);

    // Refused at Enter, the input closed with the focus in it: the draft comes back focused, to be typed into.
    await name.click();
    await page.keyboard.press('Enter');
    await expect(name).toBeFocused();
    await page.keyboard.type('mended name');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await get(id)).name).toBe('mended name');
    await expect(header().getByRole('heading', { name: 'mended name' })).toBeVisible();
  });

  test('shows a new name while it is saved, and a click beside it lands meanwhile', async () => {
    const { id } = await srv.client.call('tasks.create', { name: 'slow rename', type: 'training', project: resnet });
    await open(id, 'info');
    // The page's tasks.update is held until the test lets it go: the save is on its way all that time.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const passing: Promise<void>[] = [];
    await page.route('**/tasks.update', (route) => {
      passing.push(held.then(() => route.continue()));
      return passing.at(-1);
    });
    try {
      await header().getByRole('button', { name: 'edit name' }).click();
      await page.getByLabel('Name').fill('slow rename, saved');
      await page.keyboard.press('Enter');
      await expect(header().getByRole('heading', { name: 'slow rename, saved' })).toBeVisible();
      await header().getByRole('button', { name: 'add tag' }).click();
      await expect(page.getByLabel('New tag')).toBeVisible();
      expect((await get(id)).name).toBe('slow rename');
      release();
      await expect.poll(async () => (await get(id)).name).toBe('slow rename, saved');
      await expect(header().getByRole('heading', { name: 'slow rename, saved' })).toBeVisible();
    } finally {
      release();
      await Promise.all(passing);
      await page.unroute('**/tasks.update');
    }
  });
});

test.describe('actions follow the state', () => {
  test('offers Edit only on Drafts, with the reason on Completed and Published tasks', async () => {
    for (const name of ['resnet50 baseline', 'resnet50 lr sweep 0.01']) {
      await open(ids[name], 'configuration');
      const edit = header().getByRole('button', { name: 'Edit', exact: true });
      await expect.poll(() => edit.isDisabled()).toBe(true);
      await edit.locator('xpath=..').hover();
      await expect.poll(() => page.getByRole('tooltip').innerText()).toContain('Only Draft tasks can be edited — clone it');
      expect(await page.getByRole('button', { name: 'edit Args' }).isDisabled()).toBe(true);
    }
  });

  test('dequeues, resets, publishes, archives and deletes, each checked in the store', async () => {
    await open(cloneId);
    await more('Dequeue');
    await expect.poll(async () => (await get(cloneId)).status).toBe('created');

    await open(ids['resnet50 aborted']);
    await more('Reset');
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await get(ids['resnet50 aborted'])).status).toBe('created');
    expect((await get(ids['resnet50 aborted'])).last_iteration).toBe(0);

    await open(ids['resnet50 lr sweep 0.03']);
    await more('Publish');
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(async () => (await get(ids['resnet50 lr sweep 0.03'])).status).toBe('published');

    await open(ids['resnet50 adam']);
    await more('Archive');
    await expect.poll(async () => (await get(ids['resnet50 adam'])).system_tags).toContain('archived');
    await more('Delete');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    // The project's table, with the columns last used there (the hp:Args.lr column added above) in its query.
    await page.waitForURL((u) => u.pathname === `/projects/${resnet}/tasks`);
    await expect.poll(() => JSON.parse(new URL(page.url()).searchParams.get('cols') ?? '[]')).toEqual(['hp:Args.lr']);
    await expect(srv.client.call('tasks.get_by_id', { task: ids['resnet50 adam'] })).rejects.toMatchObject({ subcode: 101 });
  });

  test('Reset and Delete ask whether to delete draft output models: unchecked keeps them, checked deletes them', async () => {
    /** A Failed task of its own with a draft output model; the model's id. */
    const failedWithModel = async (name: string) => {
      const { id } = await srv.client.call('tasks.create', { name, type: 'training', project: resnet });
      const model = (
        await srv.client.call('models.create', { name: `${name} weights`, uri: 's3://bucket/w.pt', task: id, ready: false })
      ).id;
      await srv.client.call('tasks.add_or_update_model', { task: id, name: 'weights', model, type: 'output' });
      await srv.client.call('tasks.started', { task: id });
      await srv.client.call('tasks.failed', { task: id });
      return { id, model };
    };
    const exists = (model: string) =>
      srv.client.call('models.get_all', { id: [model], only_fields: ['id'] }).then((r) => r.models.length === 1);
    const box = () => page.getByRole('dialog').getByRole('checkbox', { name: 'Delete draft output models too' });

    const kept = await failedWithModel('reset keeps its model');
    await open(kept.id);
    await more('Reset');
    expect(await box().isChecked()).toBe(true);
    await box().uncheck();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await get(kept.id)).status).toBe('created');
    expect(await exists(kept.model)).toBe(true);

    const dropped = await failedWithModel('reset drops its model');
    await open(dropped.id);
    await more('Reset');
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await get(dropped.id)).status).toBe('created');
    expect(await exists(dropped.model)).toBe(false);

    // Delete is offered on archived tasks; the box is asked afresh, checked.
    await srv.client.call('tasks.archive', { tasks: [kept.id] });
    await open(kept.id);
    await more('Delete');
    await box().uncheck();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL((u) => u.pathname === `/projects/${resnet}/tasks`);
    await expect(srv.client.call('tasks.get_by_id', { task: kept.id })).rejects.toMatchObject({ subcode: 101 });
    expect(await exists(kept.model)).toBe(true);
  });

  test('bulk-archives three tasks and reports the one the server refused', async () => {
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    const names = ['resnet50 baseline', 'resnet50 long run', 'resnet50 lr sweep 0.01'];
    for (const n of names) await page.getByLabel(`select ${n}`).check();
    // Behind the page's back: one of them is archived already.
    await srv.client.call('tasks.archive', { tasks: [ids['resnet50 long run']] });
    await page.getByRole('region', { name: 'selection' }).getByRole('button', { name: 'more actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    // The long run still shows as running here (archived, it left the table, so the page keeps its last copy):
    // archiving asks first, saying it stops it.
    const ask = page.getByRole('dialog');
    await expect(ask).toContainText('Archive 3 tasks? Archiving stops 1 running task.');
    await ask.getByRole('button', { name: 'Archive' }).click();
    const report = page.getByRole('dialog');
    await expect.poll(() => report.innerText()).toContain('2 of 3 archived');
    expect(await report.locator('[data-outcome=refused]').innerText()).toMatch(/resnet50 long run[\s\S]*already archived/);
    await screenshot(page, 'bulk-report');
    await report.getByRole('button', { name: 'Close' }).click();
    for (const n of names) expect((await get(ids[n])).system_tags).toContain('archived');
  });

  test('takes the archived tasks out of the selection, so that no later action goes to tasks no longer shown', async () => {
    const make = async (name: string) => {
      const { id } = await srv.client.call('tasks.create', { name, type: 'training', project: resnet });
      await srv.client.call('tasks.started', { task: id });
      await srv.client.call('tasks.completed', { task: id });
      return id;
    };
    const archived = [await make('zz archive me 1'), await make('zz archive me 2')];
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    for (const n of ['zz archive me 1', 'zz archive me 2']) await page.getByLabel(`select ${n}`).check();
    const bar = page.getByRole('region', { name: 'selection' });
    await bar.getByRole('button', { name: 'more actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    const report = page.getByRole('dialog');
    await expect.poll(() => report.innerText()).toContain('2 of 2 archived');
    await report.getByRole('button', { name: 'Close' }).click();
    for (const id of archived) expect((await get(id)).system_tags).toContain('archived');
    await expect(page.getByLabel('select zz archive me 1')).toHaveCount(0);
    await expect(bar).toHaveCount(0);

    // From a row's menu too: of two selected, the one archived leaves the selection.
    const more = [await make('zz archive me 3'), await make('zz archive me 4')];
    await page.reload();
    for (const n of ['zz archive me 3', 'zz archive me 4']) await page.getByLabel(`select ${n}`).check();
    await expect(bar).toContainText('2 selected');
    await page.locator(`[role=row][data-task="${more[0]}"]`).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await expect.poll(async () => (await get(more[0])).system_tags).toContain('archived');
    await expect(bar).toContainText('1 selected');
  });

  test('aborts the running tasks of a mixed selection and leaves the finished one, as ClearML does', async () => {
    const make = async (name: string, done: boolean) => {
      const { id } = await srv.client.call('tasks.create', { name, type: 'training', project: resnet });
      await srv.client.call('tasks.started', { task: id });
      if (done) await srv.client.call('tasks.completed', { task: id });
      return id;
    };
    const running = [await make('zz mixed running 1', false), await make('zz mixed running 2', false)];
    const done = await make('zz mixed done', true);
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=name`);
    for (const n of ['zz mixed running 1', 'zz mixed running 2', 'zz mixed done']) await page.getByLabel(`select ${n}`).check();
    const bar = page.getByRole('region', { name: 'selection' });
    // Publish suits only the finished one; Enqueue none of them.
    await bar.getByRole('button', { name: 'more actions' }).click();
    await expect(page.getByRole('menuitem', { name: 'Publish (1 of 3)' })).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(bar.getByRole('button', { name: 'Enqueue' })).toBeDisabled();
    await bar.getByRole('button', { name: 'Abort (2 of 3)' }).click();
    const ask = page.getByRole('dialog');
    // The question names how many of the selection it goes to.
    await expect(ask).toContainText('Abort 2 of the 3 selected tasks?');
    await ask.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(async () => Promise.all(running.map(async (id) => (await get(id)).status))).toEqual(['stopped', 'stopped']);
    expect((await get(done)).status).toBe('completed');
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('2 of 2');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });

  test("keeps the user's edits and says why when a Draft was enqueued elsewhere", async () => {
    const { id } = await srv.client.call('tasks.clone', {
      task: ids['resnet50 lr sweep 0.03'],
      new_task_name: 'race',
    });
    await open(id, 'configuration');
    await page.getByRole('button', { name: 'edit Args' }).click();
    await page.getByLabel('value of lr').fill('0.777');
    await srv.client.call('tasks.enqueue', { task: id });
    await page.getByRole('button', { name: 'save Args' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/only Draft tasks can be edited/);
    expect(await page.getByLabel('value of lr').inputValue()).toBe('0.777');
    expect((await get(id)).hyperparams.Args.lr.value).toBe('0.03');
    // The page re-read the task: its header now says Pending.
    await expect.poll(() => header().innerText()).toContain('Pending');
  });
});

test.describe('clone elsewhere', () => {
  test('clones into a new project, typed by name, with a description, and opens the clone there', async () => {
    await open(ids['resnet50 lr sweep 0.01']);
    await header().getByRole('button', { name: 'Clone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clone task' });
    await expect(dialog.getByLabel('Project')).toHaveValue('Demo/Vision/ResNet');
    await dialog.getByLabel('New task name').fill('sweep again');
    await dialog.getByLabel('Project').fill('Scratch/clones');
    await expect(dialog).toContainText('A new project "Scratch/clones" is created');
    await dialog.getByLabel('Description').fill('same sweep, new data');
    await dialog.getByRole('button', { name: 'Clone' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f]{32}\/configuration$/);
    const id = /\/tasks\/([0-9a-f]{32})\//.exec(page.url())![1];
    const clone = await get(id);
    const { projects } = await srv.client.call('projects.get_all', { name: '^Scratch/clones$' });
    expect(projects).toHaveLength(1);
    expect(clone).toMatchObject({ name: 'sweep again', comment: 'same sweep, new data', project: projects[0].id });
    expect(new URL(page.url()).pathname).toContain(`/projects/${projects[0].id}/tasks/${id}/`);
  });
});

test.describe('input models', () => {
  test("a Draft's input model is added, replaced and removed from its Artifacts tab; a Completed task's is not", async () => {
    const { id } = await srv.client.call('tasks.create', { name: 'fine-tune', type: 'training', project: resnet });
    const modelOf = async (name: string) =>
      (await srv.client.call('models.get_all', { name: `^${name}$`, only_fields: ['id'] })).models[0].id;
    const baseline = await modelOf('resnet50 baseline weights');
    const sweep = await modelOf('resnet50 lr sweep 0.01 weights');
    const inputs = async () => (await get(id)).models.input.map((m) => [m.name, m.model]);

    await open(id, 'artifacts');
    await page.getByRole('button', { name: 'Add input model' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add an input model' });
    await dialog.getByLabel('Model').fill('baseline weights');
    await page.getByRole('option', { name: /^resnet50 baseline weights/ }).click();
    await expect(dialog.getByLabel('Name in the task')).toHaveValue('resnet50 baseline weights');
    await dialog.getByLabel('Name in the task').fill('pretrained');
    await dialog.getByRole('button', { name: 'Use model' }).click();
    await expect.poll(inputs).toEqual([['pretrained', baseline]]);
    await expect(page.getByText('Input model: pretrained')).toBeVisible();

    await page.getByRole('button', { name: 'replace input model pretrained' }).click();
    dialog = page.getByRole('dialog', { name: 'Replace input model pretrained' });
    await dialog.getByLabel('Model').fill('sweep 0.01');
    await page.getByRole('option', { name: /^resnet50 lr sweep 0\.01 weights/ }).click();
    await dialog.getByRole('button', { name: 'Use model' }).click();
    await expect.poll(inputs).toEqual([['pretrained', sweep]]);

    await page.getByRole('button', { name: 'remove input model pretrained' }).click();
    await expect.poll(inputs).toEqual([]);

    // Not a Draft: nothing to change.
    await open(ids['resnet50 baseline'], 'artifacts');
    await expect(page.getByText('Output model: weights')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add input model' })).toHaveCount(0);
  });
});

test.describe('user properties', () => {
  test('adds a user property to a Completed task, the one section editable after a run', async () => {
    const id = ids['evaluate on holdout'];
    expect((await get(id)).status).toBe('completed');
    await open(id, 'configuration');
    await page.getByRole('button', { name: 'edit User properties' }).click();
    await page.getByRole('button', { name: 'Add parameter' }).click();
    await page.getByLabel('Name', { exact: true }).fill('reviewed by');
    await page.getByLabel('value of reviewed by').fill('alice');
    await page.getByRole('button', { name: 'save User properties' }).click();
    await expect.poll(async () => (await get(id)).hyperparams.properties?.['reviewed by']?.value).toBe('alice');
    await expect(page.locator('[data-param="properties/reviewed by"]')).toContainText('alice');
    // The other sections stay read-only on a Completed task.
    await expect(page.getByRole('button', { name: 'edit Args' })).toBeDisabled();
  });
});

test.describe('enqueue with nothing to run', () => {
  test('warns before enqueuing a task an agent would fail: no entry point, or no code', async () => {
    const noCode = (await srv.client.call('tasks.create', { name: 'zz no code', type: 'training', project: resnet })).id;
    const hasCode = (
      await srv.client.call('tasks.create', {
        name: 'zz has code',
        type: 'training',
        project: resnet,
        script: { repository: 'https://example.com/repo.git', entry_point: 'train.py' },
      })
    ).id;
    await page.goto(`${srv.url}/projects/${resnet}/tasks?sort=-name`);
    for (const n of ['zz no code', 'zz has code']) await page.getByLabel(`select ${n}`).check();
    await page.getByRole('region', { name: 'selection' }).getByRole('button', { name: 'Enqueue' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enqueue 2 tasks' });
    await expect(dialog.getByRole('status', { name: 'nothing to run' })).toHaveText(
      'One task (zz no code) has nothing for an agent to run: no entry point, or neither a repository nor a diff with the code. An agent would fail it.',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await open(noCode);
    await header().getByRole('button', { name: 'Enqueue' }).click();
    await expect(page.getByRole('dialog').getByRole('status', { name: 'nothing to run' })).toContainText(
      'This task has nothing for an agent to run',
    );
    // A warning, not a refusal: it can still go.
    await page.getByRole('dialog').getByRole('button', { name: 'Enqueue' }).click();
    await expect.poll(async () => (await get(noCode)).status).toBe('queued');
    expect((await get(hasCode)).status).toBe('created');
  });
});

test.describe('children of an optimizer', () => {
  test('"Abort all children" lists the pending and running trials and aborts them; the optimizer goes on', async () => {
    const make = async (name: string, type: string, parent?: string) =>
      (await srv.client.call('tasks.create', { name, type, project: resnet, ...(parent ? { parent } : {}) } as never)).id;
    const optimizer = await make('search lr', 'optimizer');
    await srv.client.call('tasks.started', { task: optimizer });
    const running = await make('trial running', 'training', optimizer);
    await srv.client.call('tasks.started', { task: running });
    const pending = await make('trial pending', 'training', optimizer);
    await srv.client.call('tasks.enqueue', { task: pending, queue_name: 'trials' });
    const done = await make('trial done', 'training', optimizer);
    await srv.client.call('tasks.started', { task: done });
    await srv.client.call('tasks.completed', { task: done });

    // A training task has no such item.
    await open(running);
    await page.getByRole('toolbar', { name: 'task actions' }).getByRole('button', { name: 'more actions' }).click();
    await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Abort all children' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    // How far it is, as Task.set_progress reports it (text, in runtime); the header's badge says it.
    await srv.client.call('tasks.edit', { task: optimizer, force: true, runtime: { progress: '40' } });
    await open(optimizer);
    await expect(header().locator('[data-status=in_progress]')).toHaveText('Running 40%');
    await more('Abort all children');
    const dialog = page.getByRole('dialog', { name: 'Abort all children' });
    await expect(dialog).toContainText('Abort the 2 pending or running children of search lr?');
    expect(await dialog.getByRole('list', { name: 'children to abort' }).getByRole('listitem').allInnerTexts()).toEqual([
      'trial pending',
      'trial running',
    ]);
    await dialog.getByRole('button', { name: 'Abort 2 children' }).click();
    await expect.poll(() => page.getByRole('dialog').innerText()).toContain('2 of 2');
    const status = async (id: string) => (await get(id)).status;
    expect([await status(running), await status(pending), await status(done), await status(optimizer)]).toEqual([
      'stopped',
      'stopped',
      'completed',
      'in_progress',
    ]);
  });
});

test.describe('row context menu', () => {
  test("offers the actions a row's state allows on right click, and runs one", async () => {
    const { projects } = await srv.client.call('projects.get_all', {});
    const nlp = projects.find((p) => p.name === 'Demo/NLP/Sentiment')!.id;
    await page.goto(`${srv.url}/projects/${nlp}/tasks`);
    const row = page.locator('[role=row][data-task]').filter({ hasText: 'bert finetune' });
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'actions for bert finetune' });
    await menu.waitFor();
    // A Completed task cannot be enqueued or dequeued; it can be published.
    expect(await menu.getByRole('menuitem', { name: 'Enqueue' }).isDisabled()).toBe(true);
    expect(await menu.getByRole('menuitem', { name: 'Dequeue' }).isDisabled()).toBe(true);
    await screenshot(page, 'row-context-menu');
    await menu.getByRole('menuitem', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(async () => (await get(ids['bert finetune'])).status).toBe('published');
    await expect.poll(() => row.innerText()).toContain('Published');
  });
});
