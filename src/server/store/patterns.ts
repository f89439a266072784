import { RE2JS } from 're2js';

/**
 * Patterns from requests (name filters, worker patterns, console searches) run in RE2 (re2js, pure JavaScript):
 * matching time grows linearly with the text, so no pattern can make the server backtrack for
 * minutes. RE2 has no backreferences or lookaround; such patterns are refused with a reason.
 * Matching is case-sensitive, as clearml-server's name filters are (the SDK finds a project by `^name$` and takes the
 * first answer): a search meant to ignore case starts with `(?i)`, which RE2 and PostgreSQL both read.
 */
export type PatternTest = (text: string) => boolean;

/** How a pattern is compiled: `ignoreCase` as RE2's case-insensitive flag (a console search's `/.../i`). */
export interface PatternFlags {
  ignoreCase?: boolean;
}

const cache = new Map<string, RE2JS | string>();

function compile(pattern: string, flags: PatternFlags = {}): RE2JS | string {
  // One character of flags before the pattern: no two (pattern, flags) pairs share a key.
  const key = (flags.ignoreCase ? 'i' : '-') + pattern;
  let re = cache.get(key);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern, flags.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (e) {
      re = describeSyntaxError(pattern, (e as Error).message);
    }
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function describeSyntaxError(pattern: string, message: string): string {
  if (/\\[1-9]/.test(pattern) && /escape/.test(message)) {
    return 'backreferences (\\1, \\2, ...) are not supported: patterns use RE2 syntax, which matches in linear time';
  }
  if (/\(\?<?[=!]/.test(pattern))
    return 'lookahead and lookbehind ((?=...), (?!...), (?<=...), (?<!...)) are not supported: patterns use RE2 syntax';
  return `${message.replace(/^error parsing regexp: /, '')} (patterns use RE2 syntax)`;
}

/** Why the pattern cannot be used, or null when it can. */
export function patternError(pattern: string): string | null {
  const re = compile(pattern);
  return typeof re === 'string' ? re : null;
}

/** A test for the pattern (an unusable pattern matches nothing). */
export function patternTest(pattern: string, flags?: PatternFlags): PatternTest {
  const re = compile(pattern, flags);
  return typeof re === 'string' ? () => false : (text) => re.test(text);
}

/**
 * Whether a query failed on a pattern the database's own engine refused, though RE2 took it (PostgreSQL runs name
 * patterns itself; a few RE2 forms, such as flags inside a pattern, are not its syntax): a 400, not a 500.
 */
export function isRefusedPattern(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '2201B' || /invalid regular expression/i.test(e instanceof Error ? e.message : String(e));
}
