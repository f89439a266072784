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

/**
 * Where on our own origin a stored URL may point: the files store. Anywhere else there is the API or the dashboard, and
 * a stored `/api/users.update?role=admin` opened by an admin's browser (an image, a preview, a link) would go out with
 * their cookie; the server refuses such calls too, and the dashboard does not make them.
 */
function ownButNotFiles(u: URL, origin: string): boolean {
  const own = origin ? parse(origin, origin) : null;
  return !!own && u.origin === own.origin && !u.pathname.startsWith('/files/');
}

/**
 * A link target safe to click: http(s) anywhere but our own origin outside `/files/`, or a relative link to our
 * `/files/`; anything else (javascript:, data:, `/api/…`) is undefined.
 */
export function safeHref(url: string | null | undefined, origin: string = pageOrigin()): string | undefined {
  if (!url) return undefined;
  const u = parse(url.trim(), origin || 'http://invalid.invalid');
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || ownButNotFiles(u, origin)) return undefined;
  return url.trim();
}

/**
 * An image source safe to load: as `imageSource`, plus inline raster images (`data:image/png|jpeg|gif|webp`, never
 * SVG).
 */
export function safeImageSrc(url: string | null | undefined, origin: string = pageOrigin()): ImageSource | undefined {
  if (url && /^data:image\/(png|jpe?g|gif|webp);/i.test(url.trim())) return { src: url.trim() };
  return imageSource(url, origin);
}

/**
 * A stored URL the browser loads directly (links, images). Nothing is added to it: the session cookie
 * authorizes our own /files, and no credential ever goes into a URL. Not http(s) (`javascript:`, `data:`): undefined.
 */
export const storedUrl = (url: string | null | undefined, origin: string = pageOrigin()): string | undefined =>
  safeHref(url, origin);

/**
 * What an <img> of a stored URL needs: no referrer anywhere but our origin; anonymous (no credentials) on another port
 * or scheme of our host, which our cookie would reach, and wherever the URL holds userinfo. Another host's image is not made a CORS request: most hosts
 * (an S3 bucket, a plain file server) send no CORS headers, and such an image then failed to load.
 */
export interface ImageSource {
  src: string;
  crossOrigin?: 'anonymous';
  referrerPolicy?: 'no-referrer';
}

/**
 * Whether an image of `url` must load anonymously: it is on our origin's host name (whatever its port or scheme), so
 * our cookie would go with it, or it holds userinfo, which the browser would otherwise send as a password.
 */
function loadsAnonymously(url: string, origin: string): boolean {
  const own = origin ? parse(origin, origin) : null;
  const u = parse(url, origin || 'http://invalid.invalid');
  return !u || !!u.username || !!u.password || (!!own && u.hostname === own.hostname);
}

export function imageSource(url: string | null | undefined, origin: string = pageOrigin()): ImageSource | undefined {
  const src = storedUrl(url, origin);
  if (!src) return undefined;
  if (isOwnOrigin(src, origin)) return { src };
  return loadsAnonymously(src, origin)
    ? { src, crossOrigin: 'anonymous', referrerPolicy: 'no-referrer' }
    : { src, referrerPolicy: 'no-referrer' };
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

/**
 * A link of a user's Markdown: our dashboard's own pages (a link to a task or another project), a stored link as
 * `storedLink` has it, or a `mailto:`. Undefined: its words alone. Never our API, whatever the server would do with
 * it, nor another port of this host (it would receive our cookie on a click).
 */
export function markdownHref(url: string | null | undefined, origin: string = pageOrigin()): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  if (/^mailto:[^\s]/i.test(trimmed)) return trimmed;
  if (isOwnOrigin(trimmed, origin)) {
    const u = parse(trimmed, origin)!;
    return /^\/(api|metrics)(\/|$)/i.test(u.pathname) ? undefined : trimmed;
  }
  const link = storedLink(trimmed, origin);
  return link.kind === 'text' ? undefined : link.href;
}
