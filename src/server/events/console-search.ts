import type { LogRow, Store } from '../store/store';

export interface ConsoleSearch {
  task: string;
  text: string;
  from_line?: number;
  backwards?: boolean;
}

/** The lines of a log row (a row may hold several; its stored count wins over a trailing newline). */
export function splitLines(r: LogRow): string[] {
  const parts = r.msg.split('\n');
  return parts.length > r.lines ? parts.slice(0, r.lines) : parts;
}

/** The first console line from `from_line` on (or the last up to it, backwards) holding the text, case-insensitive. */
export async function searchConsole(store: Store, req: ConsoleSearch): Promise<{ line: number; text: string } | { line: null }> {
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
