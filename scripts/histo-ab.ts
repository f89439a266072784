/**
 * The 10 x 1M histogram's call against built servers, on a store seeded by bench/server.ts
 * (BENCH_SERVER_DATA): the first call, then alternated rounds by Accept-Encoding (identity, gzip, br), a
 * small answer and server.info, each timed to the last byte received (decoding not included), with the
 * server process's CPU ms (all threads, 10 ms ticks) beside. DIST=dist-main runs another build (A/B), READERS=n
 * sets --reader-threads. Run: npx tsx scripts/histo-ab.ts <dataDir> [rounds]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../bench/server-process';

const dir = process.argv[2];
const rounds = Number(process.argv[3] ?? 7);
const { histTask } = JSON.parse(fs.readFileSync(path.join(dir, 'bench-seed.json'), 'utf8'));
// READERS=n: --reader-threads; DIST=<folder>: another build of the server (e.g. main's), as startServerProcess runs it.
const srv = await startServerProcess(
  dir,
  19000 + Math.floor(Math.random() * 900),
  process.env.READERS ? { TASKDECK_READER_THREADS: process.env.READERS } : {},
  process.env.DIST,
);
/** CPU ms the server process has used (all its threads), from /proc. */
const cpu = () => {
  const f = fs.readFileSync(`/proc/${srv.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const call = (endpoint: string, body: object, enc: string) =>
  new Promise<{ ms: number; bytes: number }>((resolve, reject) => {
    const t = performance.now();
    const text = JSON.stringify(body);
    const req = http.request(
      `${srv.url}/api/v2.23/${endpoint}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${srv.client.token}`,
          'Content-Type': 'application/json',
          'Accept-Encoding': enc,
          'Content-Length': Buffer.byteLength(text),
        },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve({ ms: performance.now() - t, bytes }) : reject(new Error(`${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const hist = { task: histTask, samples: 10_000 };
try {
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (process.env.WARM_FIRST) {
    const warm = await call('events.scalar_metrics_iter_histogram', { task: histTask, samples: 100 }, 'gzip');
    console.log(`warm-up call (100 samples): ${warm.ms.toFixed(0)} ms`);
  }
  const c0 = cpu();
  const first = await call('events.scalar_metrics_iter_histogram', hist, 'gzip');
  const c1 = cpu();
  console.log(
    `first call (gzip): ${first.ms.toFixed(0)} ms, ${first.bytes} bytes; server CPU: ${c0} ms up to it, ${c1 - c0} ms during it`,
  );
  const second = await call('events.scalar_metrics_iter_histogram', hist, 'gzip');
  console.log(`second call (gzip): ${second.ms.toFixed(0)} ms`);
  const cases: [string, string, object, string][] = [
    ['server.info', 'server.info', {}, 'gzip'],
    ['hist identity', 'events.scalar_metrics_iter_histogram', hist, 'identity'],
    ['hist gzip', 'events.scalar_metrics_iter_histogram', hist, 'gzip'],
    ['hist br', 'events.scalar_metrics_iter_histogram', hist, 'br'],
    ['hist 100 samples', 'events.scalar_metrics_iter_histogram', { task: histTask, samples: 100 }, 'gzip'],
  ];
  const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
  const cpus = new Map<string, number[]>(cases.map(([n]) => [n, []]));
  const sizes = new Map<string, number>();
  // Alternated, so that the machine's load weighs on each case alike.
  for (let r = 0; r < rounds; r++) {
    for (const [name, ep, body, enc] of cases) {
      const c = cpu();
      const { ms, bytes } = await call(ep, body, enc);
      cpus.get(name)!.push(cpu() - c);
      times.get(name)!.push(ms);
      sizes.set(name, bytes);
    }
  }
  for (const [name, ts] of times)
    console.log(
      `${name}: median ${med(ts).toFixed(1)} ms (min ${Math.min(...ts).toFixed(1)}), server CPU median ${med(cpus.get(name)!)} ms, ${sizes.get(name)} bytes`,
    );
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await srv.stop();
}
