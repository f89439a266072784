/**
 * Console by line (Taskdeck extensions used by the dashboard): the SDK sends several
 * lines per log event, the dashboard shows and searches lines.
 */
import { endpoint, type RequestContext } from '../http/endpoint';
import { capByBytes } from '../http/byte-cap';
import { RawResult } from '../http/raw';
import type { LogRow, Store } from '../store/store';
import { offload } from '../readers/offload';
import { getTaskOr400 } from '../tasks/common';
import { checkConsoleSearch, splitLines } from './console-search';
import type { ConsoleLine } from '../../shared/api/events';

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

const DOWNLOAD_CHUNK_LINES = 10_000;

/** The text of console lines `from` on, one download chunk, or null past the end (a reader job). */
export async function logTextChunk(store: Store, { task, from }: { task: string; from: number }): Promise<string | null> {
  const rows = await store.events.readLogLines(task, from, DOWNLOAD_CHUNK_LINES);
  const lines = linesOf(rows, from, from + DOWNLOAD_CHUNK_LINES);
  return lines.length ? lines.map((l) => l.text).join('\n') + '\n' : null;
}

async function* logText(ctx: RequestContext, task: string): AsyncIterable<string> {
  for (let from = 0; ; from += DOWNLOAD_CHUNK_LINES) {
    const text = await offload(ctx, 'logTextChunk', { task, from });
    if (text === null) return;
    yield text;
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
      // Over the byte cap, the page is cut at its far end (its start when it is the last page).
      const atEnd = req.from_line === undefined;
      const lines = capByBytes(linesOf(rows, from, from + count), (l) => l.text, ctx.config.maxAnswerBytes, atEnd);
      return { lines, from_line: lines[0]?.line ?? from, total_lines: total };
    },
    { access: 'read' },
  ),
  endpoint(
    'events.search_task_log',
    async (req, ctx) => {
      checkConsoleSearch(ctx.store, req);
      await getTaskOr400(ctx.store, req.task);
      const { task, text, regex, flags, from_line, backwards } = req;
      return offload(ctx, 'consoleSearch', { task, text, regex, flags, from_line, backwards });
    },
    { access: 'read' },
  ),
  endpoint(
    'events.download_task_log',
    async (req, ctx) => {
      const t = await getTaskOr400(ctx.store, req.task);
      return new RawResult('text/plain; charset=utf-8', logText(ctx, t.id), `${t.name}.${t.id}.log`);
    },
    { access: 'read' },
  ),
];
