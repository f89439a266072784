import type { Store } from './store';

/** Whether a `--database` value names a PostgreSQL server (else the store is SQLite in the data folder). */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/**
 * The store the options select: PostgreSQL when a postgres:// URL is given, else SQLite in `dataDir`.
 * `readonly`: a reader thread's store on a database the server has opened (and migrated) already.
 * `writer`: the event writer thread's store on such a database (SQLite only). `writeTurns`: shared by
 * the server's store and the writer thread's (SQLite), so that the server's writes get their turn.
 * `oneOff`: a command's store, open for a moment: SQLite checkpoints on its connection, with no thread for it.
 */
export async function openStore(opts: {
  dataDir: string;
  databaseUrl?: string;
  readonly?: boolean;
  writer?: boolean;
  writeTurns?: SharedArrayBuffer;
  oneOff?: boolean;
}): Promise<Store> {
  if (isPostgresUrl(opts.databaseUrl)) {
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore(opts.databaseUrl, opts.readonly ? { readonly: true, poolSize: 2 } : {});
  }
  const { openSqliteStore } = await import('./sqlite');
  return openSqliteStore(opts.dataDir, {
    readonly: opts.readonly,
    writer: opts.writer,
    writeTurns: opts.writeTurns,
    checkpointEveryMs: opts.oneOff ? 0 : undefined,
  });
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
