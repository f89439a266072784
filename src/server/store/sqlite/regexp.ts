import type Database from 'better-sqlite3';

const cache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'i');
    } catch {
      re = null;
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** Registers `x REGEXP pattern` (case-insensitive, JavaScript syntax; an invalid pattern matches nothing). */
export function registerRegexp(db: Database.Database): void {
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
    const re = compile(pattern);
    return re && re.test(value) ? 1 : 0;
  });
}

export function isValidRegexp(pattern: string): boolean {
  return compile(pattern) !== null;
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
