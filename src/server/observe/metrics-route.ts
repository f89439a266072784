import { clientAddress } from '../http/client-address';
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { authenticate } from '../auth';
import type { ServerConfig } from '../config';
import { sendJson } from '../http/envelope';
import { ApiError } from '../http/errors';
import type { Store } from '../store/store';
import type { ServerMetrics } from './metrics';

function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * GET /metrics in Prometheus text format: for the metrics token (TASKDECK_METRICS_TOKEN) or any
 * signed-in user or key pair, as the API is.
 */
export async function serveMetrics(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: Store,
  config: ServerConfig,
  metrics: ServerMetrics,
): Promise<void> {
  if (!tokenMatches(req.headers.authorization, config.metricsToken)) {
    try {
      const ip = clientAddress(req, config.trustedProxies);
      await authenticate(store, { authorization: req.headers.authorization, cookie: req.headers.cookie, ip });
    } catch (e) {
      const status = e instanceof ApiError ? e.code : 401;
      const msg = e instanceof ApiError ? e.message : 'Unauthorized';
      await sendJson(
        res,
        status,
        {
          meta: { result_code: status, result_msg: `${msg} (/metrics needs a key pair, a session or the metrics token)` },
          data: {},
        },
        e instanceof ApiError ? e.headers : {},
      );
      return;
    }
  }
  const text = await metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}
