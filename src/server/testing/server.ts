import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../client';
import { startServer, type RunningServer } from '../app';
import { defaultConfig, type ServerConfig } from '../config';
import { createTestDatabase, testingOnPostgres } from './postgres';

export const TEST_ACCESS_KEY = 'TESTACCESSKEY0000001';
export const TEST_SECRET_KEY = 'test-secret-key-for-taskdeck-tests-only';
/** The first admin of every test server; the test key pair above belongs to this user. */
export const TEST_ADMIN_LOGIN = 'admin';
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

export interface TestServer extends RunningServer {
  client: ApiClient;
  dataDir: string;
  /** Closes the server and deletes its data folder. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** A stopped server's data folder (SQLite) that the new server's starts as a copy of. */
  seed?: string;
}

/**
 * A real server on a free port with a fresh data folder, and a client logged in to it. With
 * TASKDECK_TEST_DATABASE=postgres its store is a fresh PostgreSQL database (under vitest a copy of the run's migrated
 * template), dropped at stop.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-test-'));
  if (opts.seed) {
    if (testingOnPostgres() || overrides.databaseUrl) throw new Error('A seed data folder holds a SQLite store only');
    // Another server's folder, stopped: its lock file named that server's process, which may still run.
    fs.cpSync(opts.seed, dataDir, { recursive: true, filter: (from) => path.basename(from) !== 'taskdeck.lock' });
  }
  const database = testingOnPostgres() && !overrides.databaseUrl ? await createTestDatabase({ migrated: true }) : undefined;
  const server = await startServer(
    defaultConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      quiet: true,
      // Tests stay quiet; TASKDECK_TEST_LOG_LEVEL=info shows the server's log while debugging one.
      logLevel: (process.env.TASKDECK_TEST_LOG_LEVEL as ServerConfig['logLevel']) ?? 'silent',
      initialAccessKey: TEST_ACCESS_KEY,
      initialSecretKey: TEST_SECRET_KEY,
      initialAdminLogin: TEST_ADMIN_LOGIN,
      initialAdminPassword: TEST_ADMIN_PASSWORD,
      databaseUrl: database?.url,
      ...overrides,
    }),
  ).catch(async (e: unknown) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    throw e;
  });
  const client = new ApiClient({ baseUrl: server.url, accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY });
  await client.login();
  return {
    ...server,
    client,
    dataDir,
    async stop() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}
