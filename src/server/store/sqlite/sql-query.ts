import type { RangeFilter, SortKey, TagFilter } from '../store';

/** Longer lists are bound as one JSON array: SQLite allows only so many bound variables in a statement. */
const INLINE_VALUES = 100;

function valueSet(values: readonly unknown[]): string {
  return values.length > INLINE_VALUES ? '(SELECT value FROM json_each(?))' : `(${values.map(() => '?').join(',')})`;
}

function boundSet(values: readonly unknown[]): unknown[] {
  return values.length > INLINE_VALUES ? [JSON.stringify(values)] : [...values];
}

/** A WHERE clause under construction: conditions joined with AND, values bound by position. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  in(column: string, values: readonly unknown[] | undefined): this {
    if (values === undefined) return this;
    if (values.length === 0) return this.add('0');
    return this.add(`${column} IN ${valueSet(values)}`, ...boundSet(values));
  }

  tags(column: string, f: TagFilter | undefined): this {
    if (!f) return this;
    for (const tag of f.all ?? []) this.add(`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ?)`, tag);
    if (f.any?.length) {
      this.add(`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN ${valueSet(f.any)})`, ...boundSet(f.any));
    }
    if (f.none?.length) {
      this.add(`NOT EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN ${valueSet(f.none)})`, ...boundSet(f.none));
    }
    return this;
  }

  /** Range filters: a column compared as stored, anything else read from the document as a number. */
  ranges(filters: readonly RangeFilter[] | undefined, columns: ReadonlySet<string>): this {
    const ops = [
      ['gte', '>='],
      ['lte', '<='],
      ['gt', '>'],
      ['lt', '<'],
    ] as const;
    for (const r of filters ?? []) {
      const column = columns.has(r.field);
      for (const [key, op] of ops) {
        if (r[key] === undefined) continue;
        if (column) this.add(`${r.field} ${op} ?`, r[key]);
        else this.add(`num(json_extract(doc, ?)) ${op} ?`, jsonPath(r.field), r[key]);
      }
    }
    return this;
  }

  toSql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** `hyperparams.Args.lr.value` -> the JSON path `$."hyperparams"."Args"."lr"."value"` (bound, never spliced). */
export function jsonPath(dotted: string): string {
  return (
    '$' +
    dotted
      .split('.')
      .map((p) => `."${p.replace(/"/g, '""')}"`)
      .join('')
  );
}

/**
 * ORDER BY for a list of sort keys: plain columns by name, anything else read
 * from the JSON document. Returns SQL plus the JSON paths it binds.
 */
export function orderBy(
  keys: SortKey[] | undefined,
  columns: ReadonlySet<string>,
  tiebreak = 'id',
): {
  sql: string;
  params: string[];
} {
  const parts: string[] = [];
  const params: string[] = [];
  for (const k of keys ?? []) {
    const dir = k.desc ? 'DESC' : 'ASC';
    if (columns.has(k.field)) parts.push(`${k.field} ${dir}`);
    else {
      // Numbers (also numbers written as strings, as hyper-parameters are) by value, then text.
      parts.push(`num(json_extract(doc, ?)) ${dir}`, `json_extract(doc, ?) ${dir}`);
      params.push(jsonPath(k.field), jsonPath(k.field));
    }
  }
  parts.push(`${tiebreak} ASC`);
  return { sql: `ORDER BY ${parts.join(', ')}`, params };
}

export function limitSql(limit?: number, offset?: number): string {
  if (limit === undefined && !offset) return '';
  return `LIMIT ${Math.max(0, Math.floor(limit ?? -1))} OFFSET ${Math.max(0, Math.floor(offset ?? 0))}`;
}
