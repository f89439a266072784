import type Database from 'better-sqlite3';
import { patternTest } from '../patterns';

/** Registers `x REGEXP pattern` (RE2 syntax, case-insensitive, linear time; an unusable pattern matches nothing). */
export function registerRegexp(db: Database.Database): void {
  // One query tests one pattern against every row: keep its matcher at hand.
  let last: { pattern: string; test: (text: string) => boolean } | undefined;
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
    if (last?.pattern !== pattern) last = { pattern, test: patternTest(pattern) };
    return last.test(value) ? 1 : 0;
  });
}

/** `num(x)`: x as a number when it reads as one, else NULL; sorts "10" after "9" in JSON string values. */
export function registerNum(db: Database.Database): void {
  db.function('num', { deterministic: true }, (v: unknown) => {
    if (typeof v === 'number') return v;
    if (typeof v !== 'string' || v.trim() === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  });
}
