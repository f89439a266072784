/** A store from before users and roles upgrades: its single user becomes the admin, its key keeps working. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ApiClient } from '../../client';
import { startServer, type RunningServer } from '../app';
import { defaultConfig } from '../config';
import { hashSecret } from './passwords';
import { MIGRATIONS } from '../store/sqlite/migrations';
import { post } from '../testing/accounts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-upgrade-'));
let srv: RunningServer | undefined;
afterAll(async () => {
  await srv?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('turns the old single user into admin "admin" without a password, keeping its key', async () => {
  const db = new Database(path.join(dir, 'taskdeck.sqlite'));
  db.exec(MIGRATIONS[0] as string);
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO settings VALUES ('default_user', 'u1')").run();
  db.prepare("INSERT INTO users VALUES ('u1', 'Taskdeck User', 'c1', '2026-01-01T00:00:00+00:00')").run();
  db.prepare("INSERT INTO credentials VALUES ('OLDKEY', ?, 'u1', '2026-01-01T00:00:00+00:00')").run(
    await hashSecret('old-secret'),
  );
  db.close();

  srv = await startServer(defaultConfig({ port: 0, host: '127.0.0.1', dataDir: dir, quiet: true }));
  expect(srv.firstAdmin).toBeUndefined();
  expect(srv.firstCredentials).toBeUndefined();
  const client = new ApiClient({ baseUrl: srv.url, accessKey: 'OLDKEY', secretKey: 'old-secret' });
  const me = await client.call('users.get_current_user');
  expect(me.user).toMatchObject({ id: 'u1', login: 'admin', role: 'admin' });
  expect((await post(srv!, 'auth.sign_in', { login: 'admin', password: 'old-secret' })).status).toBe(401);
  const { password } = await client.call('users.reset_password', { user: 'admin' });
  expect((await post(srv!, 'auth.sign_in', { login: 'admin', password })).status).toBe(200);
});
