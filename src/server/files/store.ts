import { clientAddress } from '../http/client-address';
import Busboy from 'busboy';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { assertSameOrigin, isSecure } from '../accounts/origin';
import { authenticate } from '../auth';
import { authorize } from '../policies';
import type { ServerConfig } from '../config';
import { noteRequest } from '../log';
import { sendJson } from '../http/envelope';
import { ApiError, errors } from '../http/errors';
import { safeMessage } from '../http/safe-message';
import { placeUpload, realInside } from './paths';
import { newId } from '../ids';
import type { Store } from '../store/store';
import { removeStoredFiles } from './cleanup';

/** Uploads are written here first and moved into place when complete; never served. */
const INCOMING = '.incoming';

export function filesRoot(config: ServerConfig): string {
  return config.filesDir ?? path.join(config.dataDir, 'files');
}

/** Resolves an object path under the files root, refusing anything that would leave it. */
export function resolveObject(root: string, objectPath: string): string {
  if (objectPath.includes('\0')) throw errors.badRequest('File path contains a NUL byte');
  const rel = objectPath.replace(/^\/+/, '');
  if (!rel) throw errors.badRequest('File path is empty');
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
    throw errors.badRequest(`File path "${objectPath}" is not allowed: it must stay inside the files store`);
  }
  const full = path.resolve(root, rel);
  if (!full.startsWith(path.resolve(root) + path.sep))
    throw errors.badRequest(`File path "${objectPath}" leaves the files store`);
  if (path.relative(root, full).split(path.sep)[0] === INCOMING) {
    throw errors.badRequest(`File path "${objectPath}" is not allowed: ${INCOMING} holds uploads in progress`);
  }
  return full;
}

function fail(req: http.IncomingMessage, res: http.ServerResponse, e: unknown) {
  const err = e instanceof ApiError ? e : errors.internal(`Internal error in the files store: ${safeMessage(e)}`);
  if (!(e instanceof ApiError)) noteRequest(req, { error: e });
  sendJson(res, err.code, { meta: { result_code: err.code, result_subcode: err.subcode, result_msg: err.message }, data: {} });
}

/**
 * Multipart upload, one file part per request; the part's field name is the object path. Streamed to
 * a temporary file, moved into place when complete. A failed or interrupted upload leaves nothing behind.
 */
async function upload(req: http.IncomingMessage, res: http.ServerResponse, config: ServerConfig) {
  const root = filesRoot(config);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > config.maxUploadBytes + 64 * 1024) {
    throw errors.tooLarge(`Upload of ${declared} bytes is over the limit of ${config.maxUploadBytes} bytes`);
  }
  const stored: string[] = [];
  const pending: Promise<void>[] = [];
  const temps: string[] = [];
  const parts: NodeJS.ReadableStream[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let bb: Busboy.Busboy;
      try {
        bb = Busboy({ headers: req.headers, limits: { fileSize: config.maxUploadBytes, files: 1 } });
      } catch {
        reject(errors.badRequest('Expected a multipart/form-data upload'));
        return;
      }
      bb.on('file', (field, stream, info) => {
        const name = field || info.filename || '';
        let target: string;
        try {
          target = resolveObject(root, name);
        } catch (e) {
          stream.resume();
          reject(e);
          return;
        }
        const tmp = path.join(root, INCOMING, newId());
        temps.push(tmp);
        parts.push(stream);
        const job = (async () => {
          await fs.promises.mkdir(path.dirname(tmp), { recursive: true });
          await pipeline(stream, fs.createWriteStream(tmp));
          if ((stream as unknown as { truncated?: boolean }).truncated) {
            throw errors.tooLarge(`Upload "${name}" is over the limit of ${config.maxUploadBytes} bytes`);
          }
          await placeUpload(root, tmp, target, name);
          stored.push(name.replace(/^\/+/, ''));
        })();
        pending.push(job);
        job.catch(reject);
      });
      bb.on('filesLimit', () => reject(errors.badRequest('Send one file per upload request')));
      bb.on('error', (e) => reject(errors.badRequest(`Malformed multipart upload: ${(e as Error).message}`)));
      bb.on('close', () => Promise.all(pending).then(() => resolve(), reject));
      req.on('close', () => {
        if (!req.complete) reject(errors.badRequest('The upload was interrupted before it was complete'));
      });
      req.pipe(bb);
    });
  } catch (e) {
    // Stop every part still being written, wait for it to let go of its file, then remove them all.
    for (const p of parts) (p as unknown as { destroy(): void }).destroy();
    await Promise.allSettled(pending);
    await Promise.all(temps.map((t) => fs.promises.rm(t, { force: true })));
    throw e;
  }
  if (!stored.length) throw errors.badRequest('The upload held no file part');
  sendJson(res, 200, stored);
}

/** A stored file is data, never a page of this origin (it may be HTML or SVG an untrusted script uploaded). */
const FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
};

/**
 * Download: the path is percent-decoded once. Uploads made from an offline session carry
 * URIs with the object name unencoded (a literal `%3A` stays), so when the decoded name
 * is missing the name with only spaces decoded is tried as well.
 */
async function download(req: http.IncomingMessage, res: http.ServerResponse, config: ServerConfig, rawPath: string) {
  const root = filesRoot(config);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw errors.badRequest('File path is not valid percent-encoding');
  }
  const candidates = [decoded, rawPath.replace(/%20/g, ' ')];
  for (const c of candidates) {
    const full = resolveObject(root, c);
    const st = await fs.promises.stat(full).catch(() => null);
    if (!st?.isFile()) continue;
    // A symlink (of the file or of a folder on its way) may point anywhere: serve only what really lies inside.
    if (!(await realInside(root, full)))
      throw errors.badRequest(`File path "${c}" is not allowed: it links outside the files store`);
    res.writeHead(200, {
      ...FILE_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': st.size,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(full))}`,
      Connection: 'close',
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(fs.createReadStream(full), res);
    return;
  }
  throw new ApiError(404, 0, `No file at "${decoded}"`);
}

export async function handleFiles(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: Store,
  config: ServerConfig,
  rawPath: string,
) {
  try {
    const ip = clientAddress(req, config.trustedProxies);
    const uploads = req.method === 'POST' || req.method === 'PUT';
    const writes = uploads || req.method === 'DELETE';
    const action = uploads ? 'files.upload' : req.method === 'DELETE' ? 'files.delete' : 'files.download';
    noteRequest(req, { endpoint: action });
    // The dashboard's <img> and download links carry its session cookie; scripts send a token.
    const identity = await authenticate(store, { authorization: req.headers.authorization, cookie: req.headers.cookie, ip });
    noteRequest(req, { user: identity.user });
    if (writes) authorize(identity.role ?? 'viewer', 'write', action);
    if (writes && identity.via === 'cookie') assertSameOrigin(req.headers, isSecure(req), action);
    if (uploads) await upload(req, res, config);
    else if (req.method === 'GET' || req.method === 'HEAD') await download(req, res, config, rawPath);
    else if (req.method === 'DELETE') {
      // The SDK's task.delete() removes each file itself after tasks.delete, which has already removed
      // them here: an object that is gone counts as deleted, or the SDK would report the delete as failed.
      const removed = await removeStoredFiles(config, [`http://local/files${rawPath}`]);
      sendJson(res, 200, { deleted: removed > 0 });
    } else throw errors.methodNotAllowed(req.method ?? '?');
  } catch (e) {
    req.resume();
    if (!res.headersSent) fail(req, res, e);
    else {
      if (!(e instanceof ApiError)) noteRequest(req, { error: e });
      res.destroy();
    }
  }
}
