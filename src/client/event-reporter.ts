/**
 * Sends events in the background: queued in memory, flushed every period or when a batch is
 * full, retried with exponential backoff when the server is away. Memory is bounded: past
 * `maxQueued` the oldest events are dropped and counted (a warning says how many).
 */
import { ApiCallError, type ApiClient } from './index';

export type TaskEvent = Record<string, unknown> & { type: string; task: string; timestamp: number };

export interface ReporterOptions {
  flushMs: number;
  batchSize: number;
  maxQueued: number;
  /** Retries of one batch before it is given up on (with a warning). */
  maxRetries: number;
  warn: (msg: string) => void;
}

export const DEFAULT_REPORTER: ReporterOptions = {
  flushMs: 2000,
  batchSize: 2000,
  maxQueued: 100_000,
  maxRetries: 8,
  warn: (m) => process.emitWarning(m, 'TaskdeckSDK'),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class EventReporter {
  private queue: TaskEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private dropped = 0;
  private readonly opts: ReporterOptions;

  constructor(
    private readonly client: ApiClient,
    opts: Partial<ReporterOptions> = {},
  ) {
    this.opts = { ...DEFAULT_REPORTER, ...opts };
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  add(e: TaskEvent): void {
    this.queue.push(e);
    if (this.queue.length > this.opts.maxQueued) {
      const over = this.queue.length - this.opts.maxQueued;
      this.queue.splice(0, over);
      this.dropped += over;
    }
    if (this.queue.length >= this.opts.batchSize) void this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends everything queued so far; resolves when it is on the server (or given up on). */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    if (!this.queue.length) return;
    this.sending = this.drain().finally(() => (this.sending = null));
    await this.sending;
  }

  private async drain(): Promise<void> {
    if (this.dropped) {
      this.opts.warn(`${this.dropped} events were dropped: more than ${this.opts.maxQueued} waited for the server`);
      this.dropped = 0;
    }
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.opts.batchSize);
      for (let attempt = 0; ; attempt++) {
        try {
          await this.client.call('events.add_batch', batch);
          break;
        } catch (e) {
          // A refusal (4xx other than 429) will not change on a retry.
          const refused = e instanceof ApiCallError && e.code >= 400 && e.code < 500 && e.code !== 429;
          if (refused || attempt >= this.opts.maxRetries) {
            this.opts.warn(`gave up sending ${batch.length} events: ${(e as Error).message}`);
            break;
          }
          await sleep(Math.min(250 * 2 ** attempt, 10_000));
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
