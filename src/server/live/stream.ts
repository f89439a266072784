import { clientAddress } from '../http/client-address';
import type http from 'node:http';
import { authenticate } from '../auth';
import type { Identity } from '../http/endpoint';
import { sendError, type EndpointInfo } from '../http/envelope';
import { ApiError, errors } from '../http/errors';
import { API_VERSION } from '../auth';
import { authorize } from '../policies';
import type { Store } from '../store/store';
import type { Change, Publisher } from './hub';

export const LIVE_STREAM_PATH = '/live.stream';

export interface LiveStreamOptions {
  /** A comment line this often keeps proxies from timing the stream out and shows a dead peer; the session is rechecked then too. */
  heartbeatMs: number;
  /** Changes gathered this long go out as one message. */
  flushMs: number;
  /** Bytes a client may leave unread before it is dropped (it resyncs by polling, then reconnects). */
  maxBufferedBytes: number;
  /** Distinct changes waiting for one client before they collapse into one "resync". */
  maxPending: number;
  /** Reverse proxies whose X-Forwarded-For names the client (see clientAddress). */
  trustedProxies?: readonly string[];
}

export const DEFAULT_LIVE_OPTIONS: LiveStreamOptions = {
  heartbeatMs: 15_000,
  flushMs: 20,
  maxBufferedBytes: 256 * 1024,
  maxPending: 2000,
};

/** Every user may read every task, model and project today; a per-project rule would go here. */
function mayRead(_who: Identity, _c: Change): boolean {
  return true;
}

export interface LiveStreams {
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Ends every stream (graceful shutdown must not wait on them) and refuses new ones. */
  closeAll(): void;
  /** Ends every stream as a proxy or a network drop would; the dashboards poll, then reconnect (tests). */
  dropAll(): void;
  readonly count: number;
}

/** Server-sent events of changes, one stream per open dashboard, authenticated like any API call. */
export function createLiveStreams(
  store: Store,
  publisher: Publisher,
  opts: LiveStreamOptions = DEFAULT_LIVE_OPTIONS,
): LiveStreams {
  const open = new Set<() => void>();
  let closed = false;
  const ip = (req: http.IncomingMessage) => clientAddress(req, opts.trustedProxies ?? []);
  const who = (req: http.IncomingMessage) =>
    authenticate(store, { authorization: req.headers.authorization, cookie: req.headers.cookie, ip: ip(req) });

  return {
    get count() {
      return open.size;
    },
    closeAll() {
      closed = true;
      for (const end of [...open]) end();
    },
    dropAll() {
      for (const end of [...open]) end();
    },
    async handle(req, res) {
      const info: EndpointInfo = { name: 'live.stream', requestedVersion: API_VERSION, actualVersion: API_VERSION };
      let identity: Identity;
      try {
        if (req.method !== 'GET') throw errors.methodNotAllowed(req.method ?? '?');
        if (closed) throw new ApiError(503, 0, 'The server is shutting down');
        identity = await who(req);
        authorize(identity.role ?? 'viewer', 'read', 'live.stream');
      } catch (e) {
        if (e instanceof ApiError) return sendError(res, info, e);
        throw e;
      }
      // Written as they come: never through the API's compression, which buffers a whole answer.
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n: live\n\n');
      const pending = new Map<string, Change>();
      let overflow = false;
      let flushTimer: NodeJS.Timeout | null = null;
      const end = () => {
        if (!open.delete(end)) return;
        unsubscribe();
        clearInterval(heartbeat);
        if (flushTimer) clearTimeout(flushTimer);
        res.end();
      };
      const send = (text: string) => {
        if (res.writableLength > opts.maxBufferedBytes) {
          // A reader this slow gets nothing more: it resyncs by polling and reconnects.
          open.delete(end);
          unsubscribe();
          clearInterval(heartbeat);
          res.destroy();
          return;
        }
        res.write(text);
      };
      const flush = () => {
        flushTimer = null;
        if (overflow) send('event: resync\ndata: {}\n\n');
        else if (pending.size) send(`event: changes\ndata: ${JSON.stringify([...pending.values()])}\n\n`);
        pending.clear();
        overflow = false;
      };
      const unsubscribe = publisher.subscribe((c) => {
        if (!mayRead(identity, c)) return;
        if (pending.size >= opts.maxPending) overflow = true;
        else pending.set(`${c.kind}:${c.id ?? ''}`, c);
        flushTimer ??= setTimeout(flush, opts.flushMs);
      });
      const heartbeat = setInterval(() => {
        // Signing out, a disabled user or a revoked key ends the stream as it ends any call.
        who(req).then(
          () => send(': hb\n\n'),
          () => end(),
        );
      }, opts.heartbeatMs);
      open.add(end);
      req.on('close', end);
      res.on('error', end);
      if (req.destroyed || res.destroyed) end();
    },
  };
}
