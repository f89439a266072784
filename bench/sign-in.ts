import type { Page } from 'playwright-core';
import { BENCH_ADMIN, BENCH_PASSWORD } from './server-process';

/** Signs the bench's admin in on the dashboard at `url` and waits for the project tree. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/projects`);
  await page.getByLabel('Login').fill(BENCH_ADMIN);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'projects' }).waitFor();
}
