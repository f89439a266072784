import type http from 'node:http';
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';
import type { LogLevel } from './config';

export type { Logger };

/** Log bytes held while stdout is not being read; past this, lines are dropped (and counted) rather than held. */
const MAX_PENDING_LOG_BYTES = 16 * 1024 * 1024;

/**
 * stdout written asynchronously (pino's SonicBoom with `sync: false`): a write goes to libuv's thread pool,
 * and the lines logged while one is in flight go together in the next, so a busy server writes few large
 * chunks and an idle one writes each line at once. No line waits on the event loop for the terminal, pipe
 * or file behind stdout. It counts the bytes handed over and not yet written, so that `flush` can wait for
 * them (SonicBoom's own flush does not wait when it batches nothing), and caps them: a reader that stopped
 * reading costs at most MAX_PENDING_LOG_BYTES, and the lines dropped past it are reported once it reads again.
 * (pino's default destination was asynchronous already, but uncapped and with no flush to wait on: at
 * process.exit its exit hook writes the queued lines synchronously and can lose the chunk a pool thread was
 * still writing. A planned exit therefore waits for `flushLog` first; an unplanned one still gets the hook.)
 */
export class AsyncStdout {
  private readonly dest;
  private pending = 0;
  private dropped = 0;
  private waiters: (() => void)[] = [];
  /** pino stubs out the destination's write once stdout's reader is gone (EPIPE): nothing is pending after that. */
  private readonly write0;
  private get broken() {
    return this.dest.write !== this.write0;
  }

  /** `fd` and `maxPendingBytes` other than stdout's and the cap: for tests. */
  constructor(
    fd = 1,
    private readonly maxPendingBytes = MAX_PENDING_LOG_BYTES,
  ) {
    this.dest = pino.destination({ dest: fd, sync: false, minLength: 0, maxLength: maxPendingBytes });
    this.write0 = this.dest.write;
    this.dest.on('write', (n: number) => this.settle(n));
    this.dest.on('drop', (data: string) => {
      this.dropped++;
      this.settle(Buffer.byteLength(data));
    });
  }

  private settle(bytes: number) {
    this.pending -= bytes;
    if (this.pending <= 0) for (const w of this.waiters.splice(0)) w();
  }

  write(line: string): boolean {
    if (this.dropped && this.pending < this.maxPendingBytes / 2) {
      const note = `${JSON.stringify({ level: 40, time: Date.now(), msg: `${this.dropped} log lines dropped: stdout was not being read` })}\n`;
      this.dropped = 0;
      this.push(note);
    }
    return this.push(line);
  }

  private push(s: string): boolean {
    if (this.broken) return true;
    this.pending += Buffer.byteLength(s);
    return this.dest.write(s);
  }

  /** Calls `cb` once every line handed over so far is written (at once if none is waiting). */
  flush(cb?: (err?: Error) => void): void {
    if (this.pending <= 0 || this.broken) cb?.();
    else if (cb) this.waiters.push(() => cb());
  }
}

/**
 * The server's logger: JSON lines (one object per line, for log collectors) unless a person is
 * reading, that is stdout is a terminal or NODE_ENV=development, when pino-pretty prints them readable.
 * JSON lines are written off the event loop (AsyncStdout); `flushLog` waits for them before an exit.
 */
export function createLogger(
  level: LogLevel,
  readable = !!process.stdout.isTTY || process.env.NODE_ENV === 'development',
): Logger {
  if (!readable) return pino({ level }, new AsyncStdout());
  // Loaded only here: a server whose log goes to a collector starts without it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof pinoPretty;
  return pino({ level }, pretty({ colorize: !!process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
}

/**
 * Resolves once the lines logged so far are written, or after `maxWaitMs` (a stdout nobody reads must not
 * keep a stopping server alive; pino's exit hook then writes what it can).
 */
export function flushLog(log: Logger, maxWaitMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    timer.unref();
    log.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What a handler learned about its request, for the one log line written when the response ends. */
interface RequestNote {
  endpoint?: string;
  user?: string;
  /** An unexpected error (not a ClearML refusal): logged once, with its stack. */
  error?: unknown;
}

const notes = new WeakMap<http.IncomingMessage, RequestNote>();

export function noteRequest(req: http.IncomingMessage, note: RequestNote): void {
  notes.set(req, { ...notes.get(req), ...note });
}

/** What a request is, for logs and metrics: its endpoint once known, else method and path. */
export function requestName(req: http.IncomingMessage): string {
  return notes.get(req)?.endpoint ?? `${req.method} ${(req.url ?? '/').split('?')[0].slice(0, 200)}`;
}

/**
 * Writes one line per request when its response ends: endpoint, status, milliseconds and user.
 * API and file requests log at info, the dashboard's static files at debug.
 */
export function logRequest(
  log: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  kind: 'api' | 'files' | 'static',
): void {
  const started = performance.now();
  res.once('close', () => {
    const note = notes.get(req) ?? {};
    const line = {
      endpoint: requestName(req),
      status: res.writableFinished ? res.statusCode : 'aborted',
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: note.user || undefined,
    };
    if (note.error) log.error({ ...line, err: note.error }, `${line.endpoint} failed`);
    else if (kind === 'static') log.debug(line, 'request');
    else log.info(line, 'request');
  });
}
