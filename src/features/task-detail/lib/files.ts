import type { ApiClient } from '../../../client';
import { isOwnOrigin, pageOrigin, safeHref } from '../../../shared/urls';

/**
 * A stored URL the browser can load directly (images, links). The token rides along as a query only
 * to our own files store; another host's URL is returned as is; a URL that is not http(s)
 * (`javascript:`, `data:`) is undefined, so it is never loaded or made clickable.
 */
export function authorizedUrl(client: ApiClient, url: string | undefined | null): string | undefined {
  const safe = safeHref(url);
  if (!safe || !client.token || !isOwnOrigin(safe)) return safe;
  const u = new URL(safe, pageOrigin());
  if (!u.pathname.startsWith('/files/')) return safe;
  u.searchParams.set('token', client.token);
  return u.toString();
}

/** What an <img> of a stored URL needs: another host's image loads anonymously (no cookie, no referrer). */
export interface ImageSource {
  src: string;
  crossOrigin?: 'anonymous';
  referrerPolicy?: 'no-referrer';
}

export function imageSource(client: ApiClient, url: string | undefined | null): ImageSource | undefined {
  const src = authorizedUrl(client, url);
  if (!src) return undefined;
  return isOwnOrigin(src) ? { src } : { src, crossOrigin: 'anonymous', referrerPolicy: 'no-referrer' };
}

/** Fetches a stored file as bytes for previews and downloads: with our token only from our own origin. */
export async function fetchBytes(client: ApiClient, url: string): Promise<Uint8Array> {
  if (isOwnOrigin(url)) return client.download(url);
  const safe = safeHref(url);
  if (!safe) throw new Error('only http(s) addresses can be fetched');
  const res = await fetch(safe, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Saves bytes as a file through the browser. */
export function saveBytes(bytes: Uint8Array | string, name: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileNameOf(url: string): string {
  const last = url.split('?')[0].split('/').pop() ?? 'download';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
