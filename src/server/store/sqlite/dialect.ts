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
import type { WriteTurns } from './write-turns';
import { ROWS_AS_ARRAYS } from '../kysely/flavor';

/**
 * Kysely over one better-sqlite3 connection. Unlike Kysely's own SqliteDialect it keeps prepared
 * statements (the store's queries are few and repeat), and begins transactions IMMEDIATE so that a
 * transaction never fails half-way on another process's write lock (the users CLI writes too).
 */
export class TaskdeckSqliteDialect implements Dialect {
  constructor(
    private readonly db: Database.Database,
    private readonly lock: LockWaits = {},
  ) {}
  createDriver(): Driver {
    return new CachingDriver(this.db, this.lock);
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

/** How a connection waits for the write lock. */
export interface LockWaits {
  /**
   * The server's connection: it has no busy_timeout (better-sqlite3 would sleep on the event loop), and a
   * statement that finds the database locked outside a transaction (BEGIN IMMEDIATE, an autocommit
   * write, a read) is tried again after an asynchronous wait.
   */
  asyncBusy?: boolean;
  /** Shared with the event writer thread's connection: the server's connection's turn at the lock (see WriteTurns). */
  turns?: WriteTurns;
}

/** Longest the writer thread holds back its next transaction for the server's connection. */
const GIVE_WAY_MS = 50;

class CachingConnection implements DatabaseConnection {
  private readonly statements: StatementCache;
  constructor(
    private readonly db: Database.Database,
    private readonly lock: LockWaits,
  ) {
    this.statements = new StatementCache(db);
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction this connection holds the write lock already: nothing there waits for it.
    if (!this.lock.asyncBusy || this.db.inTransaction) return Promise.resolve(this.run<R>(q));
    return retryBusy(() => this.run<R>(q), this.lock.turns);
  }

  private run<R>(q: CompiledQuery): QueryResult<R> {
    const st = this.statements.get(q.sql);
    const params = q.parameters as unknown[];
    if (st.reader) return { rows: (q.sql.startsWith(ROWS_AS_ARRAYS) ? st.raw(true).all(...params) : st.all(...params)) as R[] };
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
    private readonly lock: LockWaits,
  ) {
    this.connection = new CachingConnection(db, lock);
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
    if (this.writerTurns) this.writerTurns.giveWay(GIVE_WAY_MS);
    await c.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
  async commitTransaction(c: DatabaseConnection) {
    try {
      await c.executeQuery(CompiledQuery.raw('COMMIT'));
    } finally {
      this.writerTurns?.committed();
    }
  }
  async rollbackTransaction(c: DatabaseConnection) {
    try {
      if (this.db.inTransaction) await c.executeQuery(CompiledQuery.raw('ROLLBACK'));
    } finally {
      this.writerTurns?.committed();
    }
  }
  /** The writer thread's side of the turns (the server's connection waits on them instead). */
  private get writerTurns() {
    return this.lock.asyncBusy ? undefined : this.lock.turns;
  }
  async destroy() {}
}
