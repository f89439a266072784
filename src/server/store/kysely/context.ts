import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema';
import type { Flavor } from './flavor';

/** What a repository needs: the connection or transaction to use, and the database's flavor. */
export interface RepoContext {
  /** The transaction the repository is bound to, or the shared connection/pool. */
  db(): Kysely<Database>;
  flavor: Flavor;
  /**
   * Whether reads of records by id lock them (`FOR UPDATE`): inside a PostgreSQL transaction,
   * so that read-modify-write (status changes, queue pops) is not lost to a concurrent one.
   * SQLite runs one transaction at a time and needs no row locks.
   */
  lockRows(): boolean;
  /** Runs `fn` in a transaction: the one open in this async context, else a new one (`db()` then answers it). */
  atomic<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs a read that tests every row (a name pattern). SQLite sends it to a reader thread when
   * no transaction is open; PostgreSQL runs it in its own process anyway.
   */
  scan<R>(query: Compilable<R> & { execute(): Promise<R[]> }): Promise<R[]>;
}

export function parseDocs<T>(rows: { doc: string }[]): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T);
}

export function parseDoc<T>(row: { doc: string } | undefined): T | null {
  return row ? (JSON.parse(row.doc) as T) : null;
}
