/**
 * Console by line (Taskdeck extensions used by the dashboard): the SDK sends several
 * lines per log event, the dashboard shows and searches lines.
 */
import { endpoint } from '../http/endpoint';
import { RawResult } from '../http/raw';
import type { LogRow, Store } from '../store/store';
import { getTaskOr400 } from '../tasks/common';
import type { ConsoleLine } from '../../shared/api/events';

function splitLines(r: LogRow): string[] {
  const parts = r.msg.split('\n');
  return parts.length > r.lines ? parts.slice(0, r.lines) : parts;
}

function linesOf(rows: LogRow[], from: number, to: number): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  for (const r of rows) {
    splitLines(r).forEach((text, i) => {
      const line = r.line + i;
      if (line >= from && line < to) out.push({ line, text, level: r.level, timestamp: r.timestamp });
    });
  }
  return out;
}

async function* logText(store: Store, task: string): AsyncIterable<string> {
  for (let from = 0; ; from += 10_000) {
    const rows = await store.events.readLogLines(task, from, 10_000);
    const lines = linesOf(rows, from, from + 10_000);
    if (!lines.length) return;
    yield lines.map((l) => l.text).join('\n') + '\n';
  }
}

export const consoleEndpoints = [
  endpoint(
    'events.get_task_log_lines',
    async (req, ctx) => {
      await getTaskOr400(ctx.store, req.task);
      const total = await ctx.store.events.countLogLines(req.task);
      const count = req.count ?? 1000;
      // Without from_line: the last page (what a console opened at its end shows).
      const from = req.from_line ?? Math.max(0, total - count);
      const rows = await ctx.store.events.readLogLines(req.task, from, count);
      return { lines: linesOf(rows, from, from + count), from_line: from, total_lines: total };
    },
    { access: 'read' },
  ),
  endpoint(
    'events.search_task_log',
    async (req, ctx) => {
      await getTaskOr400(ctx.store, req.task);
      const needle = req.text.toLowerCase();
      const start = req.from_line ?? (req.backwards ? Number.MAX_SAFE_INTEGER : 0);
      // An event can hold the text on a line before (or after) the start: look a few events on.
      for (const r of await ctx.store.events.searchLogs(req.task, req.text, {
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
    },
    { access: 'read' },
  ),
  endpoint(
    'events.download_task_log',
    async (req, ctx) => {
      const t = await getTaskOr400(ctx.store, req.task);
      return new RawResult('text/plain; charset=utf-8', logText(ctx.store, t.id), `${t.name}.${t.id}.log`);
    },
    { access: 'read' },
  ),
];
