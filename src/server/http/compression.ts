import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';

export type Coding = 'br' | 'gzip';

/** Below this a response goes out as it is: compressing it would save less than the headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The coding the client prefers among those we offer, honouring q-values (`br;q=0` refuses brotli). */
export function pickCoding(req: Pick<http.IncomingMessage, 'headers'> | undefined): Coding | null {
  if (!req?.headers['accept-encoding']) return null;
  // negotiator 1.x takes `preferred` (our order among equal q-values); its published types predate it.
  const negotiator = new Negotiator(req) as unknown as {
    encoding(available: string[], opts: { preferred: string[] }): string | undefined;
  };
  const chosen = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/**
 * Compresses on libuv's thread pool (zlib's async API), so a large answer never holds the event loop.
 * Brotli at quality 5: most of quality 11's gain on JSON at a small part of its cost, fit for dynamic answers.
 */
export function compress(body: Buffer, coding: Coding): Promise<Buffer> {
  if (coding === 'gzip') return gzip(body, { level: 6 });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
