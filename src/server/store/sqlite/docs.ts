import type Database from 'better-sqlite3';

/** Row shape shared by tables that keep the full record as JSON in `doc`. */
export interface DocRow {
  doc: string;
}

export function parseDocs<T>(rows: unknown[]): T[] {
  return (rows as DocRow[]).map((r) => JSON.parse(r.doc) as T);
}

export function parseDoc<T>(row: unknown): T | null {
  return row ? (JSON.parse((row as DocRow).doc) as T) : null;
}

/** Prepared statements cached per SQL text (queries are built dynamically). */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(sql, st);
    }
    return st;
  }
}
