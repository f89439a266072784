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
  text: Buffer,
  headers: Record<string, string | string[]>,
  content: Content,
): Promise<void> {
  const coding = text.length >= MIN_COMPRESS_BYTES ? pickCoding(res.req, content) : null;
  const payload = coding ? await compress(text, coding, content) : text;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.length,
    Vary: 'Accept-Encoding',
    ...(coding ? { 'Content-Encoding': coding } : {}),
    // The ClearML SDK forks its reporter with pooled sockets: never keep a connection alive.
    Connection: 'close',
  });
  res.end(payload);
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
  // The same bytes JSON.stringify({meta, data}) would give, with data's text as it came.
  const body = Buffer.concat([Buffer.from(`{"meta":${JSON.stringify(head)},"data":`), data.bytes, Buffer.from('}')]);
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
