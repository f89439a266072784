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

/**
 * Kysely over one better-sqlite3 connection. Unlike Kysely's own SqliteDialect it keeps prepared
 * statements (the store's queries are few and repeat), and begins transactions IMMEDIATE so that a
 * transaction never fails half-way on another process's write lock (the users CLI writes too).
 */
export class TaskdeckSqliteDialect implements Dialect {
  constructor(private readonly db: Database.Database) {}
  createDriver(): Driver {
    return new CachingDriver(this.db);
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
  constructor(db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const st = this.statements.get(q.sql);
    const params = q.parameters as unknown[];
    if (st.reader) return Promise.resolve({ rows: st.all(...params) as R[] });
    const { changes, lastInsertRowid } = st.run(...params);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
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

  constructor(private readonly db: Database.Database) {
    this.connection = new CachingConnection(db);
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
