import type http from 'node:http';

/**
 * The dashboard's Content-Security-Policy: scripts only from this origin and never inline, so that
 * stored data can never script it. MUI/emotion and Monaco inject styles (hence 'unsafe-inline'
 * for styles only); Monaco starts its workers from blob: URLs; charts and samples use data:/blob: images.
 * connect-src and img-src stay open to http(s): a preview of an artifact, or a debug sample, on
 * another host (S3, a team file server) is loaded without referrer (and without credentials on another port of this
 * host, which our cookie would reach: the dashboard marks those crossorigin=anonymous); an image cannot run script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Set on every response (API, files, dashboard); a handler may narrow them further. */
export function setSecurityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}
