import pg from 'pg';
import type { StoreChannel } from '../store';

const CHANNEL = 'taskdeck_changes';
/** PostgreSQL's NOTIFY payload must stay under 8000 bytes. */
const MAX_MESSAGE_BYTES = 7000;
const RETRY_MS = 1000;

/**
 * LISTEN/NOTIFY between the servers on one database. Sending goes through the pool; listening holds
 * one connection of its own, reconnected after a failure (what is sent meanwhile is lost: the
 * dashboards that miss it catch up by polling).
 */
export function createPostgresChannel(pool: pg.Pool, url: string): StoreChannel {
  return {
    async send(message) {
      if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw new Error(`A channel message is over ${MAX_MESSAGE_BYTES} bytes`);
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, message]);
    },
    async listen(onMessage) {
      let client: pg.Client | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      // Tried again after every failure, a failed reconnect included: the database may be away for a while.
      const again = () => {
        if (!stopped) retry = setTimeout(() => void connect().catch(again), RETRY_MS);
      };
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => {
          if (n.channel === CHANNEL && n.payload !== undefined) onMessage(n.payload);
        });
        c.on('error', () => {
          if (client !== c) return;
          client = null;
          void c.end().catch(() => undefined);
          again();
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${CHANNEL}`);
        } catch (e) {
          void c.end().catch(() => undefined);
          throw e;
        }
        if (stopped) {
          await c.end();
          return;
        }
        client = c;
      };
      await connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const c = client;
        client = null;
        await c?.end().catch(() => undefined);
      };
    },
  };
}
