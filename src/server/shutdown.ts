import type http from 'node:http';
import { flushLog, type Logger } from './log';

/**
 * Stops accepting connections and lets the requests in flight (uploads included) finish; after
 * `graceMs` the connections still open are cut. Resolves once the server is closed.
 */
export function drainHttpServer(server: http.Server, graceMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve({ forced });
    });
    server.closeIdleConnections();
    // A connection that finishes its request while draining is idle at once; keep closing those.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.once('close', () => clearInterval(idle));
  });
}

/** Exits once the lines logged so far are written (the log is written off the event loop). */
function exitAfterLog(log: Logger, code: number): void {
  void flushLog(log).then(() => process.exit(code));
}

/**
 * On the first SIGTERM or SIGINT, shuts down gracefully and exits once the log is written; a second signal
 * exits at once (pino's exit hook still writes the lines pending).
 */
export function exitOnSignals(shutdown: () => Promise<{ forced: boolean }>, graceSec: number, log: Logger): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal, graceSec }, 'shutting down: no new connections; requests in flight may finish');
      shutdown().then(
        ({ forced }) => {
          if (forced) log.warn({ graceSec }, 'requests still running after the grace period were cut');
          log.info('stopped');
          exitAfterLog(log, 0);
        },
        (e) => {
          log.fatal({ err: e }, 'shutdown failed');
          exitAfterLog(log, 1);
        },
      );
    });
  }
}
