/** The store a one-off command works on: the server's, never a new one made where a mistyped --data points. */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../server/config';
import type { Store } from '../server/store/store';

/**
 * Opens the store of `config`. A SQLite data folder that holds no store yet is refused, saying where it looked,
 * unless `create` (a new server's folder prepared before its first start, where the command offers it);
 * PostgreSQL is opened as the server opens it.
 */
export async function openCommandStore(
  config: ServerConfig,
  { create = false, offersCreate = false }: { create?: boolean; offersCreate?: boolean } = {},
): Promise<Store> {
  const { SQLITE_FILE } = await import('../server/store/sqlite');
  if (!config.databaseUrl && !create && !fs.existsSync(path.join(config.dataDir, SQLITE_FILE))) {
    throw new Error(
      `${path.resolve(config.dataDir)} holds no Taskdeck data (no ${SQLITE_FILE}). Give the server's data folder ` +
        `(--data or TASKDECK_DATA)${offersCreate ? ', or --create to make a new one there' : ''}`,
    );
  }
  const { openStore } = await import('../server/store/open');
  return openStore({ ...config, oneOff: true });
}
