import type http from 'node:http';
import { errors } from './errors';

export async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw errors.tooLarge(`Request body of ${declared} bytes is over the limit of ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw errors.tooLarge(`Request body is over the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Query arguments as the real server reads them: numbers and true/false converted. */
export function queryArgs(search: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of search) {
    if (v === 'true' || v === 'false') out[k] = v === 'true';
    else if (v !== '' && !Number.isNaN(Number(v))) out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

// Python's json writes NaN and Infinity, which JSON has no words for: read them as null so that
// the event is refused on its own instead of failing its whole batch.
const NON_FINITE = /:\s*-?(NaN|Infinity)\s*([,}])/g;

/** One line of JSON lines, pushed to `out` (nothing for a blank line); a malformed line refuses the body, naming it. */
export function parseLine(line: string, lineNo: number, out: unknown[]) {
  if (!line.trim()) return;
  try {
    out.push(JSON.parse(line));
  } catch (e) {
    try {
      out.push(JSON.parse(line.replace(NON_FINITE, ':null$2')));
    } catch {
      throw errors.badRequest(`Malformed JSON on line ${lineNo} of the batch: ${(e as Error).message}`);
    }
  }
}

/**
 * JSON lines in one pass: each line parsed where it lies, no split/join copies. Bytes are decoded a line
 * at a time (a newline byte is never part of a UTF-8 sequence), so that no string of the whole body is
 * made: a 2 MB batch decoded whole costs about as much as parsing its lines.
 */
export function parseJsonLines(body: string | Buffer): unknown[] {
  const out: unknown[] = [];
  let lineNo = 0;
  if (typeof body === 'string') {
    for (let start = 0; start < body.length;) {
      let end = body.indexOf('\n', start);
      if (end < 0) end = body.length;
      parseLine(body.slice(start, end), ++lineNo, out);
      start = end + 1;
    }
    return out;
  }
  for (let start = 0; start < body.length;) {
    let end = body.indexOf(10, start);
    if (end < 0) end = body.length;
    parseLine(body.toString('utf8', start, end), ++lineNo, out);
    start = end + 1;
  }
  return out;
}

/**
 * Parses a request body: JSON, or JSON lines for batch calls. An empty body is `{}`.
 * Throws a 400 envelope error that says where the text stopped making sense.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (contentType?.includes('json-lines')) return parseJsonLines(raw);
  const text = raw.toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`Malformed JSON in request body: ${(e as Error).message}`);
  }
}
