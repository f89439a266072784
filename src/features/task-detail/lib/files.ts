import type { ApiClient } from '../../../client';
import { isOwnOrigin, safeHref } from '../../../shared/urls';

/**
/** Fetches a stored file as bytes for previews and downloads: with credentials only from our own origin. */
export async function fetchBytes(client: ApiClient, url: string): Promise<Uint8Array> {
  const safe = safeHref(url);
  if (!safe) throw new Error('only http(s) addresses, and of this server only its files, can be fetched');
  if (isOwnOrigin(safe)) return client.download(safe);
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
