/** `taskdeck users …` on a data folder, run in-process against a real SQLite store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { verifySecret } from '../server/accounts/passwords';
import { openSqliteStore } from '../server/store/sqlite';
import { usersCommand } from './users';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await usersCommand([...args, '--data', dir]);
    return log.mock.calls.map((c) => c.join(' ')).join('\n');
  } finally {
    log.mockRestore();
  }
}

async function user(login: string) {
  const store = openSqliteStore(dir);
  try {
    return await store.auth.getUserByLogin(login);
  } finally {
    await store.close();
  }
}

it('refuses a data folder that holds no store, making nothing there; --create makes one', async () => {
  const typo = path.join(dir, 'dta');
  await expect(usersCommand(['list', '--data', typo])).rejects.toThrow(`${typo} holds no Taskdeck data`);
  await expect(usersCommand(['add', 'carol', '--data', typo])).rejects.toThrow(/--create to make a new one/);
  await expect(usersCommand(['list', '--data', typo, '--create'])).rejects.toThrow(`${typo} holds no Taskdeck data`);
  expect(fs.existsSync(typo)).toBe(false);
  const fresh = path.join(dir, 'new');
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await usersCommand(['add', 'carol', '--data', fresh, '--create']);
    await usersCommand(['list', '--data', fresh]);
    expect(log.mock.calls.at(-1)?.join(' ')).toMatch(/^carol\s+member/);
  } finally {
    log.mockRestore();
  }
});

it('adds, lists, changes the role of, disables and resets the password of a user', async () => {
  const added = await run('add', 'Alice', '--role', 'viewer', '--name', 'Alice A.', '--create');
  const password = /with password (\S+)/.exec(added)![1];
  expect(await user('alice')).toMatchObject({ role: 'viewer', name: 'Alice A.', disabled: false });
  expect(await verifySecret(password, (await user('alice'))!.passwordHash)).toBe(true);

  expect(await run('list')).toMatch(/^alice\s+viewer\s+active\s+Alice A\.$/m);
  await run('set-role', 'alice', 'member');
  expect((await user('alice'))!.role).toBe('member');
  await run('disable', 'alice');
  expect((await user('alice'))!.disabled).toBe(true);
  await run('enable', 'alice');
  expect((await user('alice'))!.disabled).toBe(false);

  const reset = /New password for "alice": (\S+)/.exec(await run('reset-password', 'alice'))![1];
  const hash = (await user('alice'))!.passwordHash;
  expect(await verifySecret(reset, hash)).toBe(true);
  expect(await verifySecret(password, hash)).toBe(false);
});

it('refuses a bad role, a bad login and an unknown user with a clear message', async () => {
  await expect(run('add', 'bob', '--role', 'root')).rejects.toThrow(/one of admin, member, viewer/);
  await expect(run('add', 'bad name!')).rejects.toThrow(/A login is 1 to 64 characters/);
  await expect(run('set-role', 'nobody', 'viewer')).rejects.toThrow(/No user "nobody"/);
  expect(await user('bob')).toBeNull();
});
