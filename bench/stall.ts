/**
 * Does one client stall the others? `server.info` p99 latency while the server is busy, as a ratio
 * to its idle p99 measured in the same run (issue 10, target <= 2x each):
 *  - during 1,000 wrong logins (a real key, a wrong secret) at concurrency 20;
 *  - during pathological name-pattern queries ((a+)+$ and ^(\w+\s?)*$) over 100,000 tasks.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../src/server/store/sqlite';
import { blankTask } from '../src/server/tasks/common';
import { newId } from '../src/server/ids';
import { BENCH_ACCESS, startServerProcess } from './server-process';
import { BENCH_WHO } from './seed';

const TASKS = 100_000;

function request(url: string, headers: Record<string, string>, body = '{}'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))];
}

/** server.info latencies, one call after another, until `busy` settles (or `count` calls when idle). */
async function infoLatencies(url: string, token: string, busy: Promise<unknown> | null, count = 300): Promise<number[]> {
  let done = false;
  void busy?.finally(() => (done = true));
  const out: number[] = [];
  while (busy ? !done : out.length < count) {
    const t = performance.now();
    await request(`${url}/api/v2.23/server.info`, { Authorization: `Bearer ${token}` });
    out.push(performance.now() - t);
  }
  return out;
}

async function wrongLogins(url: string, total: number, concurrency: number): Promise<void> {
  const auth = `Basic ${Buffer.from(`${BENCH_ACCESS}:not-the-secret`).toString('base64')}`;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await request(`${url}/api/v2.23/auth.login`, { Authorization: auth }).catch(() => 0);
    }),
  );
}

async function seed(dataDir: string) {
  const store = openSqliteStore(dataDir);
  for (let from = 0; from < TASKS; from += 10_000) {
    await store.transaction(async () => {
      for (let i = from; i < from + 10_000; i++) {
        await store.tasks.insert(
          blankTask(BENCH_WHO, { id: newId(), name: `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa run ${i}!`, type: 'training' }),
        );
      }
    });
  }
  await store.close();
}

export async function benchStall(): Promise<Record<string, number | string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-stall-'));
  const results: Record<string, number | string> = {};
  try {
    await seed(dataDir);
    const srv = await startServerProcess(dataDir, 19000 + Math.floor(Math.random() * 1000));
    try {
      const token = srv.client.token!;
      await infoLatencies(srv.url, token, null, 50);
      const idle = p99(await infoLatencies(srv.url, token, null, 500));
      results['server.info idle p99 ms'] = Math.round(idle * 10) / 10;

      let t = performance.now();
      const duringLogins = await infoLatencies(srv.url, token, wrongLogins(srv.url, 1000, 20));
      results['1,000 wrong logins at concurrency 20 took ms'] = Math.round(performance.now() - t);
      results['server.info p99 during wrong logins ms'] = Math.round(p99(duringLogins) * 10) / 10;
      results['server.info p99 during wrong logins / idle (target <= 2)'] = Math.round((p99(duringLogins) / idle) * 10) / 10;

      const patterns = async () => {
        for (const name of ['(a+)+$', '^(\\w+\\s?)*$', '(a+)+$', '^(\\w+\\s?)*$']) {
          await srv.client.call('tasks.get_all', { name, only_fields: ['id'], page: 0, page_size: 50 });
        }
      };
      t = performance.now();
      const duringRegex = await infoLatencies(srv.url, token, patterns());
      results['4 pathological name-pattern queries over 100k tasks took ms'] = Math.round(performance.now() - t);
      results['server.info p99 during pattern queries ms'] = Math.round(p99(duringRegex) * 10) / 10;
      results['server.info p99 during pattern queries / idle (target <= 2)'] = Math.round((p99(duringRegex) / idle) * 10) / 10;
    } finally {
      await srv.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
