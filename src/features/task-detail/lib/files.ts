import type { ApiClient } from '../../../client';

/**
 * A URL the browser loads directly (images, links). Nothing is added to it: the dashboard's
 * session cookie authorizes its own /files, and no credential ever goes into a URL.
 */
export function authorizedUrl(_client: ApiClient, url: string | undefined | null): string | undefined {
  return url || undefined;
}

/** Fetches a files-store object as bytes (credentials only to this server), for previews and downloads. */
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
