import { chromium } from 'playwright-core';
const ctx = await chromium.launchPersistentContext('/tmp/explore-prof-' + Date.now(), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1440, height: 900 }, colorScheme: 'dark',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
const page = ctx.pages()[0];
const errors: string[] = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto('http://localhost:8123/projects');
await page.getByLabel('Access key').fill('AK');
await page.getByLabel('Secret key').fill('SK');
await page.getByRole('button', { name: 'Log in' }).click();
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/explore-1.png' });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
await page.screenshot({ path: '/tmp/explore-2.png' });
for (const tab of (process.argv[3] ?? '').split(',').filter(Boolean)) {
  await page.goto(page.url().replace(/\/[a-z-]+$/, '/' + tab));
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/explore-${tab}.png` });
}
console.log(page.url());
console.log('errors', errors);
await ctx.close();
