/** users.get_preferences / set_preferences: each user's own, merged by dotted key, capped, hostile keys refused. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../../client';
import { userClient } from '../testing/accounts';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let member: ApiClient;
let viewer: ApiClient;
beforeAll(async () => {
  srv = await startTestServer({ maxTextBytes: 4096 });
  member = (await userClient(srv, 'pat', 'member')).client;
  viewer = (await userClient(srv, 'vic', 'viewer')).client;
});
afterAll(() => srv?.stop());

const prefsOf = async (c: ApiClient) => (await c.call('users.get_preferences', {})).preferences;

it('starts empty, merges changes by dotted key, and hands them back in get_current_user too', async () => {
  expect(await prefsOf(member)).toEqual({});
  const r = await member.call('users.set_preferences', {
    preferences: { 'table.p1': { cols: ['name'], w: { name: 300 } }, theme: 'dark' },
  });
  expect(r).toEqual({ updated: 1, fields: { 'table.p1': { cols: ['name'], w: { name: 300 } }, theme: 'dark' } });
  await member.call('users.set_preferences', { preferences: { 'table.p2': { cols: ['status'] }, 'table.p1.w.name': 120 } });
  const expected = { table: { p1: { cols: ['name'], w: { name: 120 } }, p2: { cols: ['status'] } }, theme: 'dark' };
  expect(await prefsOf(member)).toEqual(expected);
  expect((await member.call('users.get_current_user', {})).user).toMatchObject({ preferences: expected });
  // A key set where a value was becomes an object.
  await member.call('users.set_preferences', { preferences: { 'theme.mode': 'light' } });
  expect((await prefsOf(member)).theme).toEqual({ mode: 'light' });
});

it("keeps each user's own: a viewer stores theirs, and sees nobody else's", async () => {
  await viewer.call('users.set_preferences', { preferences: { theme: 'dark' } });
  expect(await prefsOf(viewer)).toEqual({ theme: 'dark' });
  expect(await prefsOf(member)).toMatchObject({ theme: { mode: 'light' } });
  expect(await prefsOf(srv.client)).toEqual({});
});

it('refuses keys that reach a prototype, empty or too deep keys, and a store over the cap, changing nothing', async () => {
  const before = await prefsOf(member);
  const refused = [
    { '__proto__.polluted': 1 },
    { 'a.constructor.prototype': 1 },
    { a: JSON.parse('{"__proto__": {"polluted": 1}}') as unknown },
    { 'a..b': 1 },
    { '': 1 },
    { 'a.b.c.d.e.f.g.h.i': 1 },
    { big: 'x'.repeat(5000) },
  ];
  for (const preferences of refused) {
    await expect(
      member.call('users.set_preferences', { preferences }),
      JSON.stringify(preferences).slice(0, 60),
    ).rejects.toMatchObject({
      code: 400,
      detail: expect.stringContaining('preferences') as unknown,
    });
  }
  expect(await prefsOf(member)).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('lets two changes sent at once both land', async () => {
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => member.call('users.set_preferences', { preferences: { [`many.k${i}`]: i } })),
  );
  expect((await prefsOf(member)).many).toEqual(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])));
});
