/** A real server process gets SIGTERM while an upload is in flight. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ApiClient } from '../client';
import { waitFor } from '../testing/wait-for';
import { startSourceServer, type SourceServer } from './testing/source-server';

const KEY = { accessKey: 'SHUTDOWNTESTKEY00001', secretKey: 'shutdown-test-secret-key-0000000000000' };

type ServerProcess = SourceServer;
const started: ServerProcess[] = [];
afterEach(() => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

function startServerProcess(graceSec: number): Promise<ServerProcess> {
  const env = { TASKDECK_SHUTDOWN_GRACE_SEC: String(graceSec) };
  return startSourceServer('taskdeck-shutdown-', KEY, env, (s) => started.push(s));
}

/** Starts a multipart upload of `body` and sends only its first `sentBytes`; `finish` sends the rest. */
function partialUpload(url: string, token: string, objectPath: string, body: Buffer, sentBytes: number) {
  const boundary = 'taskdeckshutdowntest';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${objectPath}"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const whole = Buffer.concat([head, body, tail]);
  const req = http.request(`${url}/files/`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': whole.length,
    },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
  req.write(whole.subarray(0, head.length + sentBytes));
  return { response, finish: () => req.end(whole.subarray(head.length + sentBytes)) };
}

const shuttingDown = (s: ServerProcess) => s.lines().some((l) => String(l.msg).startsWith('shutting down'));

it('lets an upload in flight at SIGTERM finish, refuses new connections, then exits within the grace period', async () => {
  const s = await startServerProcess(10);
  const client = new ApiClient({ baseUrl: s.url, ...KEY });
  const token = await client.login();
  const body = Buffer.alloc(3 * 1024 * 1024, 7);
  for (let i = 0; i < body.length; i += 4096) body[i] = i % 251;
  const up = partialUpload(s.url, token, 'proj/t.1/artifacts/big/big.bin', body, 1024 * 1024);
  // The server has begun storing the upload before the signal.
  await waitFor(
    () =>
      fs.existsSync(path.join(s.dataDir, 'files', '.incoming')) &&
      fs.readdirSync(path.join(s.dataDir, 'files', '.incoming')).length > 0,
    {
      message: 'the upload to reach the server',
    },
  );
  const signalledAt = Date.now();
  s.child.kill('SIGTERM');
  await waitFor(() => shuttingDown(s), { message: 'the server to log that it is shutting down' });
  // No new connections once shutting down.
  await expect(fetch(`${s.url}/api/v2.23/auth.login`)).rejects.toThrow();
  up.finish();
  const r = await up.response;
  expect(r.status, r.text).toBe(200);
  expect(JSON.parse(r.text)).toEqual(['proj/t.1/artifacts/big/big.bin']);
  const code = await s.exited;
  const tookMs = Date.now() - signalledAt;
  expect(code).toBe(0);
  expect(tookMs).toBeLessThan(10_000);
  expect(fs.readFileSync(path.join(s.dataDir, 'files/proj/t.1/artifacts/big/big.bin')).equals(body)).toBe(true);
  // The store was checkpointed and closed: no write-ahead log is left beside the database.
  expect(fs.existsSync(path.join(s.dataDir, 'taskdeck.sqlite-wal'))).toBe(false);
  // The request's own line (a stall warning on a busy machine names the endpoint too).
  const upload = s.lines().find((l) => l.endpoint === 'files.upload' && l.msg === 'request');
  expect(upload).toMatchObject({ status: 200, user: expect.any(String), ms: expect.any(Number) });
  expect(s.lines().find((l) => l.endpoint === 'auth.login' && l.msg === 'request')).toMatchObject({ status: 200 });
}, 120_000);

it('cuts an upload that does not finish within the grace period, and exits', async () => {
  const s = await startServerProcess(1);
  const token = await new ApiClient({ baseUrl: s.url, ...KEY }).login();
  const up = partialUpload(s.url, token, 'p/t.2/artifacts/stuck/stuck.bin', Buffer.alloc(1024 * 1024), 1000);
  up.response.catch(() => undefined);
  await waitFor(() => fs.existsSync(path.join(s.dataDir, 'files', '.incoming')), { message: 'the upload to reach the server' });
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
  await expect(up.response).rejects.toThrow();
  expect(s.lines().some((l) => String(l.msg).includes('cut'))).toBe(true);
  expect(fs.existsSync(path.join(s.dataDir, 'files/p/t.2/artifacts/stuck/stuck.bin'))).toBe(false);
}, 120_000);
