/**
 * A cookie rides along with any request the browser makes to us, so a state change made with
 * the cookie must come from the dashboard's own pages: `Sec-Fetch-Site: same-origin`, or (for
 * browsers that do not send it) an `Origin` equal to this server's. Neither header: refused.
 */
import type http from 'node:http';
import { errors } from '../http/errors';

type Headers = http.IncomingHttpHeaders | Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Whether the request came over https, directly or through a proxy that says so. */
export function isSecure(req: http.IncomingMessage): boolean {
  const forwarded = one(req.headers['x-forwarded-proto'])?.split(',')[0].trim().toLowerCase();
  return forwarded === 'https' || !!(req.socket as { encrypted?: boolean }).encrypted;
}

export function isSameOrigin(headers: Headers, secure: boolean): boolean {
  const site = one(headers['sec-fetch-site']);
  if (site) return site === 'same-origin';
  const origin = one(headers.origin);
  const host = one(headers['x-forwarded-host']) ?? one(headers.host);
  if (!origin || !host) return false;
  return origin === `${secure ? 'https' : 'http'}://${host}`;
}

export function assertSameOrigin(headers: Headers, secure: boolean, what: string): void {
  if (!isSameOrigin(headers, secure)) {
    throw errors.forbidden(`Forbidden: ${what} with the session cookie is accepted only from the dashboard's own origin`);
  }
}

/** A browser request that says it comes from another site (used to refuse cross-site sign-in). */
export function isCrossSite(headers: Headers, secure: boolean): boolean {
  return (!!one(headers['sec-fetch-site']) || !!one(headers.origin)) && !isSameOrigin(headers, secure);
}

/**
 * The same origin is not enough: the dashboard itself shows stored URLs, and its own `<img>`, link or form pointing at
 * `/api/users.update?role=admin` goes out with the cookie and `Sec-Fetch-Site: same-origin`. What only script can
 * send, a POST of JSON, is what the dashboard's calls are; with the cookie nothing else may change anything.
 */
export function assertJsonPost(req: http.IncomingMessage, what: string): void {
  const type = (one(req.headers['content-type']) ?? '').split(';')[0].trim().toLowerCase();
  if (req.method !== 'POST' || (type !== 'application/json' && type !== 'application/json-lines')) {
    throw errors.forbidden(
      `Forbidden: ${what} from the dashboard must be a POST of JSON (as the dashboard sends it): a link, an image or a form changes nothing`,
    );
  }
}
