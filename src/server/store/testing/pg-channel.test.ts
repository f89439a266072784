/** PostgreSQL only: the servers' change channel listens again after its connection is lost, however long the database is away. */
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { createPostgresChannel } from '../postgres/channel';

/** A TCP relay to PostgreSQL that the test can take down (dropping its connections and refusing new ones) and bring back. */
function startRelay(target: URL) {
  const live = new Set<net.Socket>();
  let up = true;
  let attempts = 0;
  const server = net.createServer((client) => {
    attempts++;
    if (!up) return void client.destroy();
    const db = net.connect(Number(target.port || 5432), target.hostname);
    live.add(client).add(db);
    const drop = () => {
      client.destroy();
      db.destroy();
      live.delete(client);
      live.delete(db);
    };
    client.on('error', drop).on('close', drop).pipe(db);
    db.on('error', drop).on('close', drop).pipe(client);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    get attempts() {
      return attempts;
    },
    down() {
      up = false;
      for (const s of live) s.destroy();
    },
    up() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: TestDatabase;
let pool: pg.Pool;
let relay: ReturnType<typeof startRelay>;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  relay = startRelay(new URL(database.url));
});
afterAll(async () => {
  relay.down();
  await relay?.close();
  await pool?.end();
  await database?.drop();
});

it('keeps retrying to listen while the database is unreachable, and hears messages again once it is back', async () => {
  const url = new URL(database.url);
  url.host = `127.0.0.1:${await relay.listen()}`;
  const channel = createPostgresChannel(pool, url.toString());
  const heard: string[] = [];
  const stop = await channel.listen((m) => heard.push(m));
  try {
    await channel.send('before');
    await expect.poll(() => heard).toContain('before');
    const before = relay.attempts;
    relay.down();
    // Several refused attempts: a listener that gave up after the first would stop at one.
    await expect.poll(() => relay.attempts - before, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    relay.up();
    // What is sent while it reconnects is lost by design; keep sending until one arrives.
    await expect
      .poll(
        async () => {
          await channel.send('after');
          return heard;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toContain('after');
  } finally {
    await stop();
  }
});
