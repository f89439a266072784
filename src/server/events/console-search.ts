import { errors } from '../http/errors';
import { assertPattern } from '../name-pattern';
import { patternError, patternTest, type PatternFlags, type PatternTest } from '../store/patterns';
import type { LogRead, LogRow, Store } from '../store/store';
import { LOG_PATTERN_FLAGS, MAX_LOG_PATTERN } from '../../shared/api/events';

export interface ConsoleSearch {
  task: string;
  text: string;
  /** `text` is a regular expression (RE2 syntax), with `flags`. */
  regex?: boolean;
  flags?: string;
  from_line?: number;
  backwards?: boolean;
}

export type ConsoleSearchResult = { line: number; text: string } | { line: null; searched_to?: number };

/**
 * Lines a regular expression's search looks at before it answers where it stopped: it cannot use the trigram
 * indexes, so it reads the log in order. 100,000 lines of ~100 characters (~10 MB) took 40-170 ms (SQLite) and
 * 50-150 ms (PostgreSQL) in rows of 200 lines, as the SDK sends a busy console: a reader is held a fraction of a
 * second, and a 1M-line log is searched in ten steps. The count makes a step's range the same each time.
 */
export const REGEX_SCAN_LINES = 100_000;
/**
 * ... and the time it may take, checked before each line: a console of one line a row takes ~5 µs a row to read
 * (40,000-100,000 lines in this time), and a pattern RE2 cannot run on its DFA (large counted repeats) runs on its
 * NFA, which can take milliseconds a line.
 */
export const REGEX_SCAN_MS = 250;
/**
 * Characters of a line a regular expression is matched against: one match cannot be cut short, and on RE2's NFA a
 * character can cost ~50 µs in a long line (measured with `[\pL\pN]*a(\pL|\pN|\pP){1000}`), so 16 Ki of them hold a
 * reader at most ~0.8 s. In a longer line, the matches that end inside its first 16,384 characters are found (see
 * prefixTest).
 */
export const REGEX_LINE_CHARS = 16_384;
/** Rows read at a time at most (a query for 5,000 rows cost half as much a row as for 1,000). */
const SCAN_PAGE_ROWS = 5000;
/**
 * Rows of the first page: a row holds one line or hundreds (the SDK packs a busy console), so the first page is small
 * and the next ones are sized from the lines a row held so far, to read about the lines the step has left to look at.
 */
const FIRST_PAGE_ROWS = 50;

/** The lines of a log row (a row may hold several; its stored count wins over a trailing newline). */
export function splitLines(r: LogRow): string[] {
  const parts = r.msg.split('\n');
  return parts.length > r.lines ? parts.slice(0, r.lines) : parts;
}

/** Refuses (400) a console search whose regular expression cannot run, saying why; plain text passes as it is. */
export function checkConsoleSearch(store: Store, req: ConsoleSearch): void {
  if (!req.regex) {
    if (req.flags)
      throw errors.validation('"flags" apply to a regular expression: send "regex": true with them', { field: 'flags' });
    return;
  }
  for (const f of req.flags ?? '') {
    if (!LOG_PATTERN_FLAGS.includes(f))
      throw errors.validation(`"flags": unknown regular expression flag "${f}" (the flags are: i, ignore case)`, {
        field: 'flags',
      });
  }
  if (req.text.length > MAX_LOG_PATTERN) {
    throw errors.validation(
      `"text": the regular expression is ${req.text.length} characters, over the limit of ${MAX_LOG_PATTERN}`,
      { field: 'text' },
    );
  }
  assertPattern(store, 'text', req.text);
}

/**
 * The first console line from `from_line` on (or the last up to it, backwards) holding the text, case-insensitive,
 * or matching the regular expression. A regular expression's search stops at its bound (REGEX_SCAN_LINES,
 * REGEX_SCAN_MS) and says where.
 */
export async function searchConsole(store: Store, req: ConsoleSearch): Promise<ConsoleSearchResult> {
  if (req.regex) return scanConsole(store, req);
  const needle = req.text.toLowerCase();
  const start = req.from_line ?? (req.backwards ? Number.MAX_SAFE_INTEGER : 0);
  // An event can hold the text on a line before (or after) the start: look a few events on.
  for (const r of await store.events.searchLogs(req.task, req.text, {
    fromLine: req.from_line,
    desc: !!req.backwards,
    limit: 50,
  })) {
    const hits = splitLines(r)
      .map((text, i) => ({ line: r.line + i, text }))
      .filter((l) => l.text.toLowerCase().includes(needle) && (req.backwards ? l.line <= start : l.line >= start));
    const hit = req.backwards ? hits.at(-1) : hits[0];
    if (hit) return { line: hit.line, text: hit.text };
  }
  return { line: null };
}

/**
 * A test of a long line's first REGEX_LINE_CHARS characters that takes only matches ending before the cut, followed
 * by a character: such a match is one in the whole line too, its end seeing what follows it (`$` does not hold at the
 * cut, as it would in the cut text alone). The pattern compiles, so its groups balance: only a `\Q` quoting to its end
 * needs an `\E` before the group closes.
 */
function prefixTest(pattern: string, flags: PatternFlags): PatternTest {
  let wrapped = `(?:${pattern})(?s:.)`;
  if (patternError(wrapped)) wrapped = `(?:${pattern}\\E)(?s:.)`;
  return patternTest(wrapped, flags);
}

/** Reads the log's rows in line order from the row holding the start line (pages by position), testing each line. */
async function scanConsole(store: Store, req: ConsoleSearch): Promise<ConsoleSearchResult> {
  const flags = { ignoreCase: !!req.flags?.includes('i') };
  const test = patternTest(req.text, flags);
  let long: PatternTest | undefined;
  const matches = (text: string) =>
    text.length <= REGEX_LINE_CHARS
      ? test(text)
      : // One character past the cut: a match ending right at it still has the character that follows it.
        (long ??= prefixTest(req.text, flags))(text.slice(0, REGEX_LINE_CHARS + 1));
  const back = !!req.backwards;
  const start = req.from_line ?? (back ? Number.MAX_SAFE_INTEGER : 0);
  let cursor: Omit<LogRead, 'limit' | 'desc'> = {};
  if (req.from_line !== undefined) {
    const pos = await store.events.logRowAt(req.task, req.from_line);
    if (pos !== undefined) cursor = back ? { before: pos + 1 } : { after: pos - 1 };
    else if (back) return { line: null };
  }
  const began = performance.now();
  let scanned = 0;
  let last = start;
  let rowsRead = 0;
  let linesRead = 0;
  for (;;) {
    const perRow = rowsRead ? Math.max(1, linesRead / rowsRead) : 0;
    const rowsLeft = perRow ? Math.ceil((REGEX_SCAN_LINES - scanned) / perRow) : FIRST_PAGE_ROWS;
    const limit = Math.max(1, Math.min(SCAN_PAGE_ROWS, rowsLeft));
    // A page is read only while the step has time left (past its first line, which it always looks at).
    if (scanned > 0 && performance.now() - began >= REGEX_SCAN_MS) return { line: null, searched_to: last };
    const rows = await store.events.readLogs(req.task, { ...cursor, desc: back, limit });
    rowsRead += rows.length;
    for (const r of rows) linesRead += r.lines;
    for (const r of rows) {
      const lines = splitLines(r);
      for (let k = 0; k < lines.length; k++) {
        const i = back ? lines.length - 1 - k : k;
        const line = r.line + i;
        if (back ? line > start : line < start) continue;
        // Stopped only after a line at least, so that each step moves on.
        if (scanned > 0 && (scanned >= REGEX_SCAN_LINES || performance.now() - began >= REGEX_SCAN_MS))
          return { line: null, searched_to: last };
        scanned++;
        last = line;
        const text = lines[i];
        if (matches(text)) return { line, text };
      }
    }
    if (rows.length < limit) return { line: null };
    const pos = rows[rows.length - 1].pos;
    cursor = back ? { before: pos } : { after: pos };
  }
}
