/** The server's JSON log is written off the event loop, and every line reaches stdout by a clean stop. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for';
import { AsyncStdout, flushLog } from './log';
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

it('holds at most its cap for a reader that stopped, then says how many lines it dropped; flushLog waits for the rest', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-log-fifo-'));
  const fifo = path.join(dir, 'out');
  execFileSync('mkfifo', [fifo]);
  const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writer = fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  let out = '';
  const chunk = Buffer.alloc(64 * 1024);
  const readAll = () => {
    for (;;) {
      try {
        const n = fs.readSync(reader, chunk);
        if (n <= 0) return;
        out += chunk.toString('utf8', 0, n);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return;
        throw e;
      }
    }
  };
  try {
    const CAP = 256 * 1024;
    const log = pino({ level: 'info' }, new AsyncStdout(writer, CAP));
    const N = 5000;
    const pad = 'p'.repeat(200);
    // ~1.3 MB in one go while nobody reads: a pipe holds 64 KiB, the cap 256 KiB more.
    for (let i = 0; i < N; i++) log.info({ i, pad }, 'line');
    let flushed = false;
    const flushing = flushLog(log, 120_000).then(() => (flushed = true));
    await new Promise((r) => setImmediate(r));
    expect(flushed, 'flushed with nobody reading').toBe(false);
    await waitFor(
      () => {
        readAll();
        return flushed;
      },
      { message: 'the log to be written out', intervalMs: 20, timeoutMs: 60_000 },
    );
    await flushing;
    log.info('after');
    await waitFor(
      () => {
        readAll();
        return out.includes('"msg":"after"');
      },
      { message: 'the line logged after the reader came back', intervalMs: 20 },
    );
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const kept = lines.filter((l) => l.msg === 'line');
    const lineBytes = Buffer.byteLength(JSON.stringify(kept[0])) + 1;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(N);
    // What was held: no more than the cap, plus what the pipe took and the one line that crossed it.
    expect(kept.length * lineBytes).toBeLessThanOrEqual(CAP + 64 * 1024 + lineBytes);
    expect(kept.map((l) => l.i)).toEqual([...kept.keys()]);
    expect(lines.slice(kept.length).map((l) => l.msg)).toEqual([
      `${N - kept.length} log lines dropped: stdout was not being read`,
      'after',
    ]);
  } finally {
    fs.closeSync(reader);
    fs.closeSync(writer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
