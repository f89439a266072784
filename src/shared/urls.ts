/**
 * Which URLs from stored data the dashboard may follow or send credentials to. Every check parses
 * with `new URL` (never substring matching), so userinfo, ports and protocol-relative tricks count.
 */

function parse(url: string, base: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** The page's own origin (`http://host:port`); empty outside a browser, so nothing is ours there. */
export function pageOrigin(): string {
  return typeof window === 'undefined' ? '' : window.location.origin;
}

/**
 * True when `url` (absolute or relative) points at `origin` itself: the only place the dashboard
 * attaches its token or cookie. The one function to change when the session moves to a cookie.
 */
export function isOwnOrigin(url: string | null | undefined, origin: string = pageOrigin()): boolean {
  if (!url || !origin) return false;
  const own = parse(origin, origin);
  const u = parse(url.trim(), origin);
  if (!own || !u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return false;
  return u.origin === own.origin && !u.username && !u.password;
}

/** A link target safe to click: http(s) anywhere, or a relative link on our origin; anything else (javascript:, data:) is undefined. */
export function safeHref(url: string | null | undefined, origin: string = pageOrigin()): string | undefined {
  if (!url) return undefined;
  const u = parse(url.trim(), origin || 'http://invalid.invalid');
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  return url.trim();
}

/** An image source safe to load: like safeHref, plus inline raster images (`data:image/png|jpeg|gif|webp`, never SVG). */
export function safeImageSrc(url: string | null | undefined, origin: string = pageOrigin()): string | undefined {
  if (url && /^data:image\/(png|jpe?g|gif|webp);/i.test(url.trim())) return url.trim();
  return safeHref(url, origin);
}

/**
 * A stored URL the browser loads directly (links, images). Nothing is added to it: the session cookie
 * authorizes our own /files, and no credential ever goes into a URL. Not http(s) (`javascript:`, `data:`): undefined.
 */
export const storedUrl = (url: string | null | undefined): string | undefined => safeHref(url);

/** What an <img> of a stored URL needs: another host's image loads anonymously (no cookie, no referrer). */
export interface ImageSource {
  src: string;
  crossOrigin?: 'anonymous';
  referrerPolicy?: 'no-referrer';
}

export function imageSource(url: string | null | undefined): ImageSource | undefined {
  const src = storedUrl(url);
  if (!src) return undefined;
  return isOwnOrigin(src) ? { src } : { src, crossOrigin: 'anonymous', referrerPolicy: 'no-referrer' };
}

/**
 * How the dashboard shows a stored URL: `own` (our origin: download with the session), `link` (another host: a plain
 * link, `rel="noopener noreferrer"`), or `text` (shown with a copy button, never a link). `text` covers what is not
 * http(s), and URLs on our host under another port, scheme or userinfo: cookies are scoped by host, not by port, so a
 * click there would carry our session cookie to whatever listens on that port.
 */
export type StoredLink = { kind: 'own'; href: string } | { kind: 'link'; href: string } | { kind: 'text' };

export function storedLink(url: string | null | undefined, origin: string = pageOrigin()): StoredLink {
  const href = safeHref(url, origin);
  if (!href) return { kind: 'text' };
  if (isOwnOrigin(href, origin)) return { kind: 'own', href };
  const own = origin ? parse(origin, origin) : null;
  const u = parse(href, origin || 'http://invalid.invalid');
  if (!u || (own && u.hostname === own.hostname)) return { kind: 'text' };
  return { kind: 'link', href };
}
