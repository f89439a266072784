/**
 * Startup of the built server (issue 13), from spawning `node dist-server/main.js` to its first HTTP answer
 * (targets: 1 s on an empty store, 2 s on a 4 GB store), against two references on the same machine at the
 * same time: `node -e 0` (Node's own start) and the same server from source through tsx (what `npm start` ran before).
 * The 4 GB store is made once, under the system's temp folder, and kept for later runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, OUT_DIR } from '../scripts/build-server';
import { newId } from '../src/server/ids';
import { openSqliteStore } from '../src/server/store/sqlite';
import { blankTask } from '../src/server/tasks/common';
import { cpuMs, startBuiltServer } from '../src/server/testing/built-server';
import { waitFor } from '../src/testing/wait-for';
import { median } from './server-process';
import { BENCH_WHO, benchProject } from './seed';

const RUNS = 3;
const BIG_STORE = path.join(os.tmpdir(), 'taskdeck-bench-4gb');
const BIG_BYTES = 4 * 1024 ** 3;
const ROOT = path.resolve(import.meta.dirname, '..');

/** A store of 4 GiB: 100 tasks with long consoles (2 KiB a line), written through the store in big transactions. */
async function bigStore(): Promise<string> {
  const done = path.join(BIG_STORE, 'complete');
  const file = path.join(BIG_STORE, 'taskdeck.sqlite');
  // A store made by an older version of this bench could be under 4 GiB: its WAL was counted in.
  if (fs.existsSync(done) && fs.statSync(file).size >= BIG_BYTES) return BIG_STORE;
  fs.rmSync(BIG_STORE, { recursive: true, force: true });
  const store = openSqliteStore(BIG_STORE);
  const project = newId();
  const now = new Date().toISOString();
  const tasks = Array.from({ length: 100 }, () => newId());
  await store.transaction(async () => {
    await store.projects.insert(benchProject(project, 'bench/startup', 'startup', now));
    for (const [i, id] of tasks.entries()) {
      await store.tasks.insert(blankTask(BENCH_WHO, { id, name: `long console ${i}`, type: 'training', project }));
    }
  });
  // The database file alone (the WAL is folded into it as it goes, and at close): 4 GiB on disk after a restart.
  const size = () => fs.statSync(file).size;
  const text = 'x'.repeat(2000);
  const t0 = Date.now();
  for (let batch = 0; size() < BIG_BYTES; batch++) {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      task: tasks[(batch * 20_000 + i) % tasks.length],
      timestamp: 1.7e12 + batch * 20_000 + i,
      level: 'info',
      worker: 'bench',
      msg: `${batch}:${i} ${text}`,
    }));
    await store.transaction(() => store.events.addLogs(rows));
  }
  await store.close();
  fs.writeFileSync(done, new Date().toISOString());
  console.log(`  (made the 4 GB store in ${BIG_STORE} in ${((Date.now() - t0) / 1000).toFixed(0)} s; kept for later runs)`);
  return BIG_STORE;
}

/** Wall time, and the CPU time the server used meanwhile (a busy machine stretches the first far more). */
const figure = (wallMs: number, cpu?: number) => `${Math.round(wallMs)} ms${cpu === undefined ? '' : ` (CPU ${cpu} ms)`}`;

/** Milliseconds from spawning a command to its exit. */
function timeExit(cmd: string, args: string[]): number {
  const t = performance.now();
  spawnSync(cmd, args, { stdio: 'ignore' });
  return performance.now() - t;
}

/** The server from source through tsx, as `npm start` ran it before: spawn to first HTTP answer. */
async function timeFromSource(dataDir: string, port: number): Promise<string> {
  const t = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--port', String(port), '--host', '127.0.0.1', '--data', dataDir],
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    await waitFor(() => fetch(`http://127.0.0.1:${port}/api/server.info`).then((r) => r.status > 0), {
      message: 'the server from source to answer',
      intervalMs: 5,
    });
    return figure(performance.now() - t, cpuMs(child.pid!));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Median startup of the built server over RUNS starts, each on the data folder `dataDir()` gives. */
async function timeBuilt(dataDir: () => string): Promise<{ ms: number; text: string }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await startBuiltServer(OUT_DIR, dataDir());
    ms.push(s.startupMs);
    if (s.startupCpuMs !== undefined) cpu.push(s.startupCpuMs);
    await s.stop();
  }
  return { ms: median(ms), text: figure(median(ms), cpu.length ? median(cpu) : undefined) };
}

export async function benchStartup(): Promise<Record<string, number | string>> {
  if (!fs.existsSync(path.join(OUT_DIR, 'main.js'))) await buildServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-start-'));
  try {
    const big = await bigStore();
    // One start first: it applies any newer migration and brings the file into the page cache, as a restart would find it.
    await (await startBuiltServer(OUT_DIR, big)).stop();
    const bigGiB = fs.statSync(path.join(big, 'taskdeck.sqlite')).size / 1024 ** 3;
    let n = 0;
    const fresh = () => fs.mkdtempSync(path.join(scratch, `empty-${n++}-`));
    const reused = fresh();
    await (await startBuiltServer(OUT_DIR, reused)).stop();
    const nodeStart = median(Array.from({ length: 5 }, () => timeExit(process.execPath, ['-e', '0'])));
    const fromSource = await timeFromSource(fresh(), 18000 + (process.pid % 1000));
    const first = await timeBuilt(fresh);
    const restart = await timeBuilt(() => reused);
    const onBig = await timeBuilt(() => big);
    const ratio = (ms: number) => Math.round((ms / nodeStart) * 10) / 10;
    return {
      'reference: node -e 0 (median of 5)': figure(nodeStart),
      'from source via tsx, empty store (one start)': fromSource,
      'built, empty store, first start (median of 3; target < 1 s)': first.text,
      'built, empty store, restart (median of 3; target < 1 s)': restart.text,
      [`built, ${bigGiB.toFixed(1)} GiB store, restart (median of 3; target < 2 s)`]: onBig.text,
      'built, empty store, first start / node -e 0': ratio(first.ms),
      [`built, ${bigGiB.toFixed(1)} GiB store, restart / node -e 0`]: ratio(onBig.ms),
      'load average (1 min) during the runs': os.loadavg()[0].toFixed(1),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
