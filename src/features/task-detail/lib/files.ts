import type { ApiClient } from '../../../client';

/** A files-store URL the browser can load directly (images, links): the token rides along as a query. */
export function authorizedUrl(client: ApiClient, url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  if (!url.includes('/files/') || !client.token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(client.token)}`;
}

/** Fetches a files-store object as bytes (with the token), for previews and downloads. */
export async function fetchBytes(client: ApiClient, url: string): Promise<Uint8Array> {
  return client.download(url);
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
