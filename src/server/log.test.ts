/** The server's JSON log is written off the event loop, and every line reaches stdout by a clean stop. */
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { startSourceServer, type SourceServer } from './testing/source-server';

const KEY = { accessKey: 'LOGTESTACCESSKEY0001', secretKey: 'log-test-secret-key-00000000000000000000' };

const started: SourceServer[] = [];
afterEach(() => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

/** POSTs to `path` (no keep-alive) and resolves with the status, or rejects after `timeoutMs` without an answer. */
function post(url: string, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'POST', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path.slice(0, 40)}… within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end('{}');
  });
}

it('answers while nobody reads its stdout, and has written every request line by a clean stop (SIGTERM)', async () => {
  const s = await startSourceServer('taskdeck-log-', KEY, {}, (x) => started.push(x));
  // Nobody reads the server's stdout from here on: once the pipe is full, a synchronous write would hold the server.
  s.child.stdout!.pause();
  // Unknown endpoints are refused before any sign-in, and each logs one line naming the (capped) endpoint: ~300
  // bytes. 3000 of them are ~900 KB, several times what the pipe and the paused stream can take in.
  const name = `nope.${'x'.repeat(300)}`;
  const N = 3000;
  let sent = 0;
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (sent < N) {
        sent++;
        // An answer can take a while on a busy machine; a held event loop never answers.
        statuses.push(await post(s.url, `/api/v2.23/${name}`, 30_000));
      }
    }),
  );
  expect(statuses).toHaveLength(N);
  expect(new Set(statuses)).toEqual(new Set([404]));
  s.child.stdout!.resume();
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
  const lines = s.lines();
  const requests = lines.filter((l) => l.msg === 'request' && String(l.endpoint).startsWith('nope.xxx'));
  expect(requests).toHaveLength(N);
  expect(requests[0]).toMatchObject({ status: 404, endpoint: name.slice(0, 200) });
  expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
}, 180_000);
