import type http from 'node:http';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config';

export type { Logger };

/**
 * The server's logger: JSON lines (one object per line, for log collectors) unless a person is
 * reading, that is stdout is a terminal or NODE_ENV=development, when pino-pretty prints them readable.
 */
export function createLogger(
  level: LogLevel,
  readable = !!process.stdout.isTTY || process.env.NODE_ENV === 'development',
): Logger {
  if (!readable) return pino({ level });
  return pino({ level }, pretty({ colorize: !!process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
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
