/**
 * Ships a child's output to the task console: lines are collected per stream and sent every
 * `flushMs` as log events, consecutive lines of one stream packed into one event (≤ 64 KB).
 */
import type { ApiClient } from '../client';

const MAX_EVENT_CHARS = 64 * 1024;

type Level = 'info' | 'error';

export class LogShipper {
  private lines: { level: Level; text: string }[] = [];
  private readonly partial: Record<Level, string> = { info: '', error: '' };
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> = Promise.resolve();
  /** The last lines written to stderr, for the failure reason. */
  readonly lastErrors: string[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly task: string,
    private readonly worker: string,
    flushMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
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

  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.send()).catch(() => {});
    return this.sending;
  }

  private async send(): Promise<void> {
    if (!this.lines.length) return;
    const lines = this.lines;
    this.lines = [];
    const base = Date.now();
    const events: Record<string, unknown>[] = [];
    let cur: { level: Level; msg: string } | null = null;
    const push = () => {
      if (cur) events.push({ type: 'log', task: this.task, worker: this.worker, level: cur.level, msg: cur.msg, timestamp: base + events.length });
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
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.call('events.add_batch', events);
        return;
      } catch (e) {
        if (attempt >= 4) {
          console.error(`[agent] console lines of ${this.task} were not sent: ${(e as Error).message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const level of ['info', 'error'] as const) {
      if (this.partial[level]) this.line(level, this.partial[level]);
      this.partial[level] = '';
    }
    await this.flush();
  }
}
