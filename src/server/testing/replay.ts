import http from 'node:http';

import type { Recorded } from '../../testing/transcripts';

export { PROTOCOL_DIR, readTranscript, type Recorded } from '../../testing/transcripts';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP request, so that GET can carry a body as the ClearML SDK sends it. */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Replays a recorded SDK session against a server: recorded ids are mapped to the ids the
 * server hands out, recorded server URLs to this server's, uploads get synthetic bytes of
 * the recorded size. Returns what each call answered.
 */
export async function replay(baseUrl: string, token: string, basicAuth: string, records: Recorded[]) {
  const ids = new Map<string, string>();
  // The files-server hosts of the recording, as the SDK wrote them into uri/url/output_dest fields.
  const recordedFileHosts = new Set<string>();
  for (const rec of records) {
    for (const m of JSON.stringify(rec.request ?? null).matchAll(
      /\\?"(?:uri|url|output_dest)\\?": ?\\?"(https?:\/\/[^/"\\]+)/g,
    )) {
      recordedFileHosts.add(m[1]);
    }
  }
  const mapText = (text: string) => {
    let out = text;
    for (const [from, to] of ids) out = out.split(from).join(to);
    for (const host of recordedFileHosts) out = out.split(host).join(`${baseUrl}/files`);
    return out;
  };
  const results: { rec: Recorded; status: number; data: unknown; sent: unknown }[] = [];
  for (const rec of records) {
    if (rec.method === 'CONNECT') continue;
    if (rec.server === 'files') {
      if (rec.method === 'POST') {
        const part = (rec.request as { multipart: { name: string; filename: string; content_type: string; size: number }[] })
          .multipart[0];
        const name = mapText(part.name);
        const bytes = Buffer.alloc(part.size, rec.seq % 251);
        const boundary = 'replayboundary' + rec.seq;
        const body = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: ${part.content_type}\r\n\r\n`,
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const res = await rawRequest(
          `${baseUrl}/files/`,
          'POST',
          { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Authorization: `Bearer ${token}` },
          body,
        );
        results.push({
          rec,
          status: res.status,
          data: JSON.parse(res.body.toString() || 'null'),
          sent: { name, size: part.size },
        });
      } else {
        const res = await rawRequest(`${baseUrl}/files${mapText(rec.path)}`, rec.method, { Authorization: `Bearer ${token}` });
        results.push({ rec, status: res.status, data: res.body, sent: null });
      }
      continue;
    }
    const isLogin = rec.endpoint === 'auth.login';
    const lines = Array.isArray(rec.request);
    let body: string | undefined;
    if (rec.request !== null && rec.request !== undefined) {
      body = lines
        ? (rec.request as unknown[]).map((e) => mapText(JSON.stringify(e))).join('\n')
        : mapText(JSON.stringify(rec.request));
    }
    const res = await rawRequest(
      `${baseUrl}/api${rec.path}`,
      rec.method,
      {
        ...(body !== undefined ? { 'Content-Type': lines ? 'application/json-lines' : 'application/json' } : {}),
        Authorization: isLogin ? basicAuth : `Bearer ${token}`,
        'X-ClearML-Worker': rec.headers['X-ClearML-Worker'] ?? 'replay',
      },
      body,
    );
    const parsed = JSON.parse(res.body.toString()) as {
      meta: { result_code: number; result_msg: string };
      data: Record<string, unknown>;
    };
    results.push({
      rec,
      status: res.status,
      data: parsed.data,
      sent: body === undefined ? null : lines ? body : JSON.parse(body),
    });
    const recorded = rec.response as Record<string, unknown> | null;
    if (res.status === 200 && recorded && typeof recorded.id === 'string' && typeof parsed.data.id === 'string') {
      ids.set(recorded.id, parsed.data.id);
    }
    // Lists name things the recording never saw created (a parent project made on the way): learn their ids by position.
    if (res.status === 200 && recorded) {
      for (const key of ['projects', 'tasks', 'models']) {
        const was = recorded[key];
        const now = parsed.data[key];
        if (!Array.isArray(was) || !Array.isArray(now) || was.length !== now.length) continue;
        was.forEach((w: { id?: unknown }, i) => {
          const n = (now[i] as { id?: unknown })?.id;
          if (typeof w?.id === 'string' && typeof n === 'string' && !ids.has(w.id) && w.id !== n) ids.set(w.id, n);
        });
      }
    }
  }
  return { results, ids };
}
