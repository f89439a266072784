import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
  type Kysely,
} from 'kysely';
import { StatementCache } from './docs';
import { retryBusy } from './busy';

/**
 * Kysely over one better-sqlite3 connection. Unlike Kysely's own SqliteDialect it keeps prepared
 * statements (the store's queries are few and repeat), and begins transactions IMMEDIATE so that a
 * transaction never fails half-way on another process's write lock (the users CLI writes too).
 * `asyncBusy`: the connection has no busy_timeout (better-sqlite3 would sleep on the event loop), and a
 * statement that finds the database locked outside a transaction (BEGIN IMMEDIATE, an autocommit
 * write, a read) is tried again after an asynchronous wait.
 */
export class TaskdeckSqliteDialect implements Dialect {
  constructor(
    private readonly db: Database.Database,
    private readonly asyncBusy = false,
  ) {}
  createDriver(): Driver {
    return new CachingDriver(this.db, this.asyncBusy);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

class CachingConnection implements DatabaseConnection {
  private readonly statements: StatementCache;
  constructor(
    private readonly db: Database.Database,
    private readonly asyncBusy: boolean,
  ) {
    this.statements = new StatementCache(db);
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction this connection holds the write lock already: nothing there waits for it.
    if (!this.asyncBusy || this.db.inTransaction) return Promise.resolve(this.run<R>(q));
    return retryBusy(() => this.run<R>(q));
  }

  private run<R>(q: CompiledQuery): QueryResult<R> {
    const st = this.statements.get(q.sql);
    const params = q.parameters as unknown[];
    if (st.reader) return { rows: st.all(...params) as R[] };
    const { changes, lastInsertRowid } = st.run(...params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used by the store');
  }
}

/** One connection, taken by one user at a time (a transaction holds it until it ends). */
class CachingDriver implements Driver {
  private readonly connection: CachingConnection;
  private tail: Promise<void> = Promise.resolve();
  private release?: () => void;

  constructor(
    private readonly db: Database.Database,
    asyncBusy: boolean,
  ) {
    this.connection = new CachingConnection(db, asyncBusy);
  }
  async init() {}
  async acquireConnection() {
    const before = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => (release = r));
    await before;
    this.release = release;
    return this.connection;
  }
  async releaseConnection() {
    const r = this.release;
    this.release = undefined;
    r?.();
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    if (this.db.inTransaction) await c.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async destroy() {}
}
