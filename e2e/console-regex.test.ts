/** The console's search box takes ClearML's `/pattern/flags`: found lines, the server's reasons, and long logs in steps. */
import type { Page } from 'playwright-core';
import { expect, test } from './support/test';
import { openApp, type AppSession } from './support/app';
import { screenshot } from './support/browser';

let app: AppSession;
let page: Page;
let task: string;
let longTask: string;

async function taskWithLog(name: string, msgs: string[]): Promise<string> {
  const id = (await app.srv.client.call('tasks.create', { name, type: 'training' })).id;
  for (let i = 0; i < msgs.length; i += 20) {
    await app.srv.client.call(
      'events.add_batch',
      msgs.slice(i, i + 20).map((msg) => ({ type: 'log', task: id, msg })),
    );
  }
  return id;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  app = await openApp(browser, { demo: false });
  page = app.page;
  const lines = Array.from({ length: 300 }, (_, i) => `step ${i} loss=0.${String(999 - i).padStart(3, '0')}`);
  lines[120] = 'Epoch 7 VAL_LOSS 0.25 <b>not bold</b>';
  lines[200] = 'epoch 9 val_loss 0.20';
  task = await taskWithLog('regex console', [lines.slice(0, 150).join('\n'), lines.slice(150).join('\n')]);
  // 120,000 lines, the only match at line 110,001 (index 110,000): past the server's step of 100,000 lines.
  longTask = await taskWithLog(
    'long console',
    Array.from({ length: 120 }, (_, e) =>
      Array.from({ length: 1000 }, (_, i) => (e * 1000 + i === 110_000 ? 'found: NaN in loss' : `line ${e * 1000 + i}`)).join(
        '\n',
      ),
    ),
  );
});
test.afterAll(() => app?.close());

const open = (id: string) => page.goto(`${app.srv.url}/projects/*/tasks/${id}/console`);
const box = () => page.getByLabel('Search the console');
const status = () => page.getByRole('status', { name: 'search result' });

test('a /regex/i finds and marks the first matching line, and Enter finds the next', async () => {
  await open(task);
  await box().fill(String.raw`/^epoch \d+ val_loss/i`);
  await box().press('Enter');
  const match = page.locator('.console-match');
  await expect.poll(() => match.innerText()).toContain('Epoch 7 VAL_LOSS 0.25 <b>not bold</b>');
  expect(await match.getAttribute('data-line')).toBe('120');
  await expect(status()).toHaveText('Line 121');
  // Text stays text: the line's markup is not rendered.
  expect(await match.locator('b').count()).toBe(0);
  await box().press('Enter');
  await expect.poll(() => match.innerText()).toContain('epoch 9 val_loss 0.20');
  await expect(status()).toHaveText('Line 201');
  // Without the flag the case counts.
  await box().fill(String.raw`/^epoch \d+ val_loss/`);
  await box().press('Enter');
  await expect(status()).toHaveText('Line 201');
});

test('a pattern the server refuses shows its reason beside the box, and the console stays', async () => {
  await open(task);
  await box().fill(String.raw`/(loss)\1/`);
  await box().press('Enter');
  await expect(page.getByRole('alert')).toContainText('backreferences');
  await box().fill('/loss(?=x)/');
  await box().press('Enter');
  await expect(page.getByRole('alert')).toContainText('lookahead');
  await screenshot(page, 'console-regex-refused');
  await expect(page.getByRole('log')).toContainText('step 0 loss=0.999');
  // Fixing the pattern clears the reason.
  await box().fill('/loss=0\\.9\\d9/');
  await box().press('Enter');
  await expect(status()).toHaveText('Line 1');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a long log is searched in steps: no match in the first lines, continue finds it', async () => {
  await open(longTask);
  await box().fill('/nan in/i');
  await box().press('Enter');
  await expect(status()).toContainText(/^No match in lines 1–\d/);
  await screenshot(page, 'console-regex-continue');
  // A step stops after 100,000 lines or 250 ms: on a busy machine the clock comes first, and it takes more steps.
  const match = page.locator('.console-match');
  const more = page.getByRole('button', { name: 'continue search' });
  let steps = 0;
  let answered = '';
  await expect
    .poll(
      async () => {
        if (await match.count()) return match.innerText();
        // Continue once per step answered: clicked again before its answer, the step would start over.
        const said = await status().innerText();
        if (said !== answered && /^No match in lines/.test(said) && (await more.count())) {
          answered = said;
          await more.click();
          steps++;
        }
        return '';
      },
      { timeout: 60_000 },
    )
    .toContain('found: NaN in loss');
  expect(steps).toBeGreaterThan(0);
  await expect(status()).toHaveText('Line 110001');
});

test('drops the answer to a search the box has moved on from', async () => {
  await open(longTask);
  const api = `${app.srv.url}/api/v2.23/events.search_task_log`;
  // The first search's answer is held until the box holds another query.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let first = true;
  await page.route(api, async (route) => {
    if (first) {
      first = false;
      await held;
    }
    await route.continue();
  });
  try {
    await box().fill('/nan in/i');
    await box().press('Enter');
    await expect.poll(() => first).toBe(false);
    await box().fill('/^line 5$/');
    await box().press('Enter');
    await expect(status()).toHaveText('Line 6');
    // Now the first answer ("no match in lines 1–…, continue past 100,000") comes, last.
    const late = page.waitForResponse((r) => r.url() === api && (r.request().postData() ?? '').includes('nan in'));
    release();
    await (await late).finished();
    // Two frames: the page has had its turn to handle the answer.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await expect(status()).toHaveText('Line 6');
    await expect(page.getByRole('button', { name: 'continue search' })).toHaveCount(0);
  } finally {
    await page.unroute(api);
  }
});
