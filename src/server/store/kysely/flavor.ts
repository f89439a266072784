import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * What differs between the two databases in a query: pattern matching, JSON paths, reading text
 * as a number. Everything else is written once with Kysely's query builder.
 */
export interface Flavor {
  name: 'sqlite' | 'postgres';
  /** Case-insensitive RE2-syntax pattern (checked by the store before it gets here). */
  regexp(column: Expression<string>, pattern: string): RawBuilder<boolean>;
  /** Case-insensitive substring (the text is matched literally). */
  contains(column: Expression<string | null>, text: string): RawBuilder<boolean>;
  /** A value inside the JSON text column `doc` at a dotted path, as text. */
  jsonText(doc: Expression<string>, path: string[]): RawBuilder<string | null>;
  /** Text that reads as a number, as that number; else NULL. */
  num(value: Expression<string | null>): RawBuilder<number | null>;
  /** One task's seconds run (a `tasks` row), start to end (to now while running); NULL when it never started. */
  taskRuntime(): RawBuilder<number | null>;
}

/**
 * A raw query whose text starts with this comment gets its rows as arrays of column values from SQLite
 * (no object a row, about half the cost of a long read); PostgreSQL ignores it and answers objects.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */ ';

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

export const sqliteFlavor: Flavor = {
  name: 'sqlite',
  regexp: (column, pattern) => sql<boolean>`(${column} REGEXP ${pattern})`,
  // SQLite's LIKE ignores the case of ASCII letters.
  contains: (column, text) => sql<boolean>`(${column} LIKE ${escapeLike(text)} ESCAPE '\\')`,
  jsonText: (doc, path) =>
    sql<string | null>`json_extract(${doc}, ${'$' + path.map((p) => `."${p.replace(/"/g, '""')}"`).join('')})`,
  num: (value) => sql<number | null>`num(${value})`,
  taskRuntime: () =>
    sql<number | null>`(CASE WHEN tasks.started IS NULL THEN NULL ELSE max(0, julianday(coalesce(tasks.completed,
      CASE WHEN tasks.status = 'in_progress' THEN 'now' ELSE tasks.last_update END)) - julianday(tasks.started)) * 86400 END)`,
};

/** Numbers as JSON or text: optional sign, digits, fraction, exponent. */
const NUMBER_TEXT = '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$';

export const postgresFlavor: Flavor = {
  name: 'postgres',
  // PostgreSQL's own engine: the pattern was already accepted by RE2, whose syntax it shares for these.
  // A leading (?i) (the dashboard's searches) runs as ~*: PostgreSQL takes embedded options only once, at the start.
  regexp: (column, pattern) => {
    const bare = pattern.replace(/^(\(\?i\))+/, '');
    return bare === pattern ? sql<boolean>`(${column} ~ ${pattern})` : sql<boolean>`(${column} ~* ${bare})`;
  },
  contains: (column, text) => sql<boolean>`(${column} ILIKE ${escapeLike(text)} ESCAPE '\\')`,
  jsonText: (doc, path) => sql<string | null>`((${doc})::jsonb #>> ${path}::text[])`,
  num: (value) => sql<number | null>`(CASE WHEN ${value} ~ ${NUMBER_TEXT} THEN (${value})::double precision END)`,
  taskRuntime: () =>
    sql<number | null>`greatest(0, extract(epoch FROM
      coalesce(tasks.completed::timestamptz, CASE WHEN tasks.status = 'in_progress' THEN now() ELSE tasks.last_update::timestamptz END)
      - tasks.started::timestamptz))`,
};
