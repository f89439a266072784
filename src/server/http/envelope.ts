import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { compress, MIN_COMPRESS_BYTES, pickCoding, type Content } from './compression';
import type { ApiError } from './errors';
import { JsonBytes } from './json-bytes';

export interface EndpointInfo {
  name: string;
  requestedVersion: string;
  actualVersion: string;
}

function meta(ep: EndpointInfo, code: number, subcode: number, msg: string, data: Record<string, unknown>) {
  return {
    id: randomUUID().replace(/-/g, ''),
    trx: randomUUID().replace(/-/g, ''),
    endpoint: { name: ep.name, requested_version: ep.requestedVersion, actual_version: ep.actualVersion },
    result_code: code,
    result_subcode: subcode,
    result_msg: msg,
    error_stack: '',
    error_data: data,
  };
}

/**
 * Sends `{meta, data}` with the HTTP status equal to `meta.result_code`, and closes the connection.
 * The body is compressed when the client accepts brotli or gzip and it is worth it.
 */
export async function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
  content: Content = 'text',
): Promise<void> {
  return sendBytes(res, status, Buffer.from(JSON.stringify(body)), headers, content);
}

async function sendBytes(
  res: http.ServerResponse,
  status: number,
  text: Uint8Array | Uint8Array[],
  headers: Record<string, string | string[]>,
  content: Content,
): Promise<void> {
  const parts = Array.isArray(text) ? text : [text];
  const size = parts.reduce((n, p) => n + p.length, 0);
  const coding = size >= MIN_COMPRESS_BYTES ? pickCoding(res.req, content) : null;
  const payload = coding ? [await compress(parts, coding, content)] : parts;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.reduce((n, p) => n + p.length, 0),
    Vary: 'Accept-Encoding',
    ...(coding ? { 'Content-Encoding': coding } : {}),
    // The ClearML SDK forks its reporter with pooled sockets: never keep a connection alive.
    Connection: 'close',
  });
  // Corked: the parts go out in as few writes as the socket takes (an answer of 5,000 series is 10,000 parts).
  if (payload.length > 1) res.cork();
  for (const p of payload.slice(0, -1)) res.write(p);
  res.end(payload[payload.length - 1]);
}

/** `content`: what the answer is mostly made of (see Content), for how hard it is compressed. */
export function sendOk(
  res: http.ServerResponse,
  ep: EndpointInfo,
  data: unknown,
  headers: Record<string, string | string[]> = {},
  content: Content = 'text',
): Promise<void> {
  const head = meta(ep, 200, 0, 'OK', {});
  if (!(data instanceof JsonBytes)) return sendJson(res, 200, { meta: head, data: data ?? {} }, headers, content);
  // The same bytes JSON.stringify({meta, data}) would give, with data's text as it came: sent as three parts, never
  // copied into one (joining a 150 MB answer held the event loop for a second).
  const body = [Buffer.from(`{"meta":${JSON.stringify(head)},"data":`), ...data.parts, Buffer.from('}')];
  return sendBytes(res, 200, body, headers, content);
}

export function sendError(
  res: http.ServerResponse,
  ep: EndpointInfo,
  err: ApiError,
  headers: Record<string, string | string[]> = {},
): Promise<void> {
  return sendJson(
    res,
    err.code,
    { meta: meta(ep, err.code, err.subcode, err.message, err.data), data: {} },
    { ...headers, ...err.headers },
  );
}
