/** tasks.get_all_ex pages by keyset behind scroll_id, and page/page_size still work for the SDK. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
  for (let i = 0; i < 7; i++) await srv.client.call('tasks.create', { name: `run ${i % 3}`, type: 'training' });
});
afterAll(() => srv?.stop());

type Page = { tasks: { id: string }[]; scroll_id?: string };

it('scrolls through every task once, in order, with a cursor in the scroll id', async () => {
  const order_by = ['name', '-last_update'];
  const all = await srv.client.call('tasks.get_all_ex', { order_by, only_fields: ['id'] });
  expect(all.tasks).toHaveLength(7);
  const seen: string[] = [];
  let scroll_id: string | undefined;
  for (let n = 0; n < 3; n++) {
    const page: Page = await srv.client.call('tasks.get_all_ex', { order_by, only_fields: ['id'], size: 3, scroll_id });
    expect(page.scroll_id).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    seen.push(...page.tasks.map((t) => t.id));
    scroll_id = page.scroll_id;
  }
  expect(seen).toEqual(all.tasks.map((t) => t.id));
  const end = await srv.client.call('tasks.get_all_ex', { order_by, only_fields: ['id'], size: 3, scroll_id });
  expect(end.tasks).toEqual([]);
  const sdk = await srv.client.call('tasks.get_all', { order_by, only_fields: ['id'], page: 2, page_size: 3 });
  expect(sdk.tasks.map((t) => t.id)).toEqual(all.tasks.slice(6).map((t) => t.id));
});

it('refuses a scroll id it did not hand out', async () => {
  // 'not-json' in base64url after a valid offset
  await expect(srv.client.call('tasks.get_all_ex', { size: 3, scroll_id: '3.bm90LWpzb24' })).rejects.toThrow(
    /scroll_id.*not one this server handed out/,
  );
});
