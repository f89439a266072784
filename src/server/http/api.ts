import { clientAddress } from './client-address';
import type http from 'node:http';
import { assertJsonPost, assertSameOrigin, isSecure } from '../accounts/origin';
import { isRefusedPattern } from '../store/patterns';
import { API_VERSION, authenticate } from '../auth';
import { changesOf } from '../live/changes';
import { authorize, changesState } from '../policies';
import type { ServerConfig } from '../config';
import { noteRequest } from '../log';
import type { ServerRuntime } from '../runtime';
import type { Store } from '../store/store';
import { contract, type EndpointName } from '../../shared/api/contract';
import { queryArgs, readBody } from './body';
import type { Endpoint, Identity, RequestContext } from './endpoint';
import type { Admission } from '../events/ingest-gate';
import type { Content } from './compression';
import { sendError, sendOk, type EndpointInfo } from './envelope';
import { ApiError, errors } from './errors';
import { prepareBody, type PreparedBody } from './prepared-body';
import { RawResult } from './raw';
import { safeMessage } from './safe-message';

/** Calls whose bodies are event batches: they wait for room in the ingest gate before being read. */
const INGEST = new Set(['events.add_batch', 'events.add']);

/** Services whose answers hold nothing event batches write: they need not wait for batches answered once queued. */
const CANNOT_READ_EVENTS = new Set(['server', 'auth', 'users', 'workers', 'queues']);

const PATH_RE = /^\/(?:v(\d+\.\d+)\/)?([A-Za-z_]+\.[A-Za-z_]+)\/?$/;

export type ApiHandler = (req: http.IncomingMessage, res: http.ServerResponse, path: string, url: URL) => Promise<void>;

async function sendRaw(res: http.ServerResponse, r: RawResult) {
  res.writeHead(200, {
    'Content-Type': r.contentType,
    Connection: 'close',
    ...(r.filename ? { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(r.filename)}` } : {}),
  });
  for await (const chunk of r.body) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/** Dispatches `/<service>.<action>` and `/v2.<minor>/<service>.<action>` to the registered endpoints. */
export function createApiHandler(store: Store, config: ServerConfig, endpoints: Endpoint[], runtime: ServerRuntime): ApiHandler {
  const table = new Map(endpoints.map((e) => [e.name, e]));
  return async (req, res, path, url) => {
    const m = PATH_RE.exec(path);
    const name = m?.[2] ?? path.replace(/^\//, '');
    const info: EndpointInfo = { name, requestedVersion: m?.[1] ?? API_VERSION, actualVersion: API_VERSION };
    const setHeaders: Record<string, string | string[]> = {};
    noteRequest(req, { endpoint: name.slice(0, 200) });
    try {
      if (!['GET', 'POST', 'PUT'].includes(req.method ?? '')) throw errors.methodNotAllowed(req.method ?? '?');
      const ep = m ? table.get(name) : undefined;
      if (!ep) throw errors.unknownEndpoint(name || '(none)');
      const ip = clientAddress(req, config.trustedProxies);
      const secure = isSecure(req);
      const identity: Identity = ep.auth
        ? await authenticate(store, { authorization: req.headers.authorization, cookie: req.headers.cookie, ip })
        : { user: '', userName: '', company: '' };
      noteRequest(req, { user: identity.user });
      if (ep.auth) {
        authorize(identity.role ?? 'viewer', ep.access, name);
        if (identity.via === 'cookie' && changesState(ep.access)) {
          assertSameOrigin(req.headers, secure, name);
          assertJsonPost(req, name);
        }
      }
      // Signing in sets the cookie: a link must not sign the viewer in as someone else.
      if (name === 'auth.sign_in') assertJsonPost(req, name);
      let release: Admission | undefined;
      let kept: Promise<unknown> | undefined;
      if (INGEST.has(name)) {
        // A body of unknown length counts as the whole cap, so it is read alone.
        const declared = Number(req.headers['content-length']);
        const waiting = performance.now();
        release = await runtime.ingestGate.acquire(Number.isFinite(declared) ? declared : config.maxIngestPendingBytes);
        runtime.metrics?.ingestStage('gate', waiting);
      }
      const room = release && { keepUntil: (stored: Promise<unknown>) => void (kept = stored) };
      try {
        await answer(req, res, name, ep, identity, url, info, setHeaders, ip, secure, room);
      } finally {
        if (kept && release) {
          // Answered once queued: the next batch may be read now, but its bytes count until it is stored.
          release.endTurn();
          void kept.then(release, release);
        } else release?.();
      }
    } catch (e) {
      if (e instanceof ApiError) await sendError(res, info, e, setHeaders);
      else if (isRefusedPattern(e))
        await sendError(
          res,
          info,
          errors.validation(`A pattern PostgreSQL cannot run: ${safeMessage(e)} (patterns use RE2 syntax)`),
        );
      else {
        noteRequest(req, { error: e });
        await sendError(res, info, errors.internal(`Internal error in ${name}: ${safeMessage(e)}`));
      }
    }
  };

  /** A big body of a contract endpoint is made ready on a body thread; a small one here, where the hop would cost more. */
  function prepare(name: string, ep: Endpoint, raw: Buffer, contentType: string | undefined, query: Record<string, unknown>) {
    const pool = runtime.bodyPool;
    if (pool && raw.length >= pool.threadFrom && ep.schema === contract[name as EndpointName]?.request) {
      return pool.prepare(name as EndpointName, raw, contentType, query);
    }
    return new Promise<PreparedBody>((resolve) => resolve(prepareBody(name, ep.schema, raw, contentType, query, config)));
  }

  async function answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
    ep: Endpoint,
    identity: Identity,
    url: URL,
    info: EndpointInfo,
    setHeaders: Record<string, string | string[]>,
    ip: string,
    secure: boolean,
    ingestRoom: RequestContext['ingestRoom'],
  ) {
    const reading = performance.now();
    const raw = await readBody(req, config.maxRequestBytes);
    if (INGEST.has(name)) {
      runtime.metrics?.ingestStage('body', reading);
      runtime.metrics?.ingestBytes.inc(raw.length);
    }
    // Batches answered and not yet committed: a call that may read them waits for them.
    else if (!CANNOT_READ_EVENTS.has(name.slice(0, name.indexOf('.')))) await runtime.ingestBacklog?.caughtUp();
    const ctx: RequestContext = {
      store,
      config,
      identity,
      endpoint: name,
      worker: String(req.headers['x-clearml-worker'] ?? req.headers['x-trains-worker'] ?? ''),
      headers: req.headers,
      runtime,
      ip,
      secure,
      setHeaders,
      ingestRoom,
    };
    let ids: unknown;
    let data: unknown;
    let content: Content | undefined;
    if (ep.rawHandler) data = await ep.rawHandler(raw, req.headers['content-type'], ctx);
    else {
      const prepared = await prepare(name, ep, raw, req.headers['content-type'], queryArgs(url.searchParams));
      ids = prepared.ids;
      data = await ep.handler(prepared.value as never, ctx);
      content = ep.content?.(prepared.value as never);
    }
    if (changesState(ep.access)) runtime.live.publish(changesOf(name, ids, data));
    if (data instanceof RawResult) await sendRaw(res, data);
    else await sendOk(res, info, data, setHeaders, content);
  }
}
