/**
 * Ships a child's output to the task console: lines are collected per stream and sent every
 * `flushMs` as log events, consecutive lines of one stream packed into one event (≤ 64 KB).
 */
import type { ApiClient } from '../client';
import { EventReporter, type TaskEvent } from '../client/event-reporter';

const MAX_EVENT_CHARS = 64 * 1024;

type Level = 'info' | 'error';

export class LogShipper {
  private lines: { level: Level; text: string }[] = [];
  private readonly partial: Record<Level, string> = { info: '', error: '' };
  private readonly timer: NodeJS.Timeout;
  /** Sends the packed events (retries with backoff, bounded memory), flushed by this shipper. */
  private readonly reporter: EventReporter;
  /** The last lines written to stderr, for the failure reason. */
  readonly lastErrors: string[] = [];

  constructor(
    client: ApiClient,
    private readonly task: string,
    private readonly worker: string,
    flushMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
    this.reporter = new EventReporter(client, {
      flushMs: 60 * 60_000,
      // Long enough to ride out a server restart; the console is flushed before the final status.
      maxRetries: 8,
      warn: (m) => console.error(`[agent] console of ${task}: ${m}`),
    });
  }

  /** Takes a chunk of a stream; only complete lines are shipped until `close`. */
  write(level: Level, chunk: string): void {
    const text = this.partial[level] + chunk;
    const parts = text.split(/\r?\n/);
    this.partial[level] = parts.pop() ?? '';
    for (const p of parts) this.line(level, p);
  }

  line(level: Level, text: string): void {
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/\x1b\[[0-9;]*m/g, '').replace(/[\b]/g, '');
    this.lines.push({ level, text: clean });
    if (level === 'error' && clean.trim()) {
      this.lastErrors.push(clean);
      if (this.lastErrors.length > 50) this.lastErrors.shift();
    }
  }

  /** Packs the lines taken so far into events and sends them. */
  flush(): Promise<void> {
    this.pack();
    return this.reporter.flush();
  }

  private pack(): void {
    if (!this.lines.length) return;
    const lines = this.lines;
    this.lines = [];
    const base = Date.now();
    const events: TaskEvent[] = [];
    let cur: { level: Level; msg: string } | null = null;
    const push = () => {
      if (cur)
        events.push({
          type: 'log',
          task: this.task,
          worker: this.worker,
          level: cur.level,
          msg: cur.msg,
          timestamp: base + events.length,
        });
    };
    for (const l of lines) {
      for (let i = 0; i < Math.max(1, l.text.length); i += MAX_EVENT_CHARS) {
        const piece = l.text.slice(i, i + MAX_EVENT_CHARS);
        if (cur && cur.level === l.level && cur.msg.length + piece.length + 1 <= MAX_EVENT_CHARS) cur.msg += `\n${piece}`;
        else {
          push();
          cur = { level: l.level, msg: piece };
        }
      }
    }
    push();
    for (const e of events) this.reporter.add(e);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const level of ['info', 'error'] as const) {
      if (this.partial[level]) this.line(level, this.partial[level]);
      this.partial[level] = '';
    }
    this.pack();
    await this.reporter.close();
  }
}
