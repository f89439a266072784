/**
 * Several servers on one PostgreSQL database (issue 12): two server processes ingesting, two clients
 * each, against one server process with four clients, on a fresh database each, the same batches
 * (10k scalar events per add_batch). Target: two processes >= 1.6x one.
 * `npx tsx bench/multiproc.ts` alone; BENCH_MULTIPROC_BATCHES sets the batches per client (default 5),
 * BENCH_MULTIPROC_ROUNDS the alternating rounds (default 3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../src/server/testing/postgres';
import { post, scalarBatchBody } from './http';
import { median, startServerProcess, type ServerProcess } from './server-process';

const BATCH = 10_000;
const BATCHES = Number(process.env.BENCH_MULTIPROC_BATCHES ?? 5);
const ROUNDS = Number(process.env.BENCH_MULTIPROC_ROUNDS ?? 3);

function body(task: string, b: number): string {
  return scalarBatchBody(task, b, (i) => ((i * 7919) % 1000) / 1000);
}

/** Events per second of `clients` clients spread over `processes` servers on one new database. */
async function ingest(processes: number, clients: number): Promise<number> {
  const database = await createTestDatabase();
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first creates the schema and the key pair.
    for (let p = 0; p < processes; p++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-multiproc-'));
      dirs.push(dir);
      const port = 23000 + Math.floor(Math.random() * 2000);
      servers.push(await startServerProcess(dir, port, { TASKDECK_DATABASE_URL: database.url }));
    }
    const work = await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const srv = servers[c % processes];
        const { id } = await srv.client.call('tasks.create', { name: `client ${c}`, type: 'training' });
        await srv.client.call('tasks.started', { task: id });
        return { srv, bodies: Array.from({ length: BATCHES }, (_, b) => body(id, b + 1)), warm: body(id, 0) };
      }),
    );
    const send = async (srv: ServerProcess, b: string) => {
      const status = await post(`${srv.url}/api/v2.23/events.add_batch`, srv.client.token!, b, 'application/json-lines');
      if (status !== 200) throw new Error(`add_batch answered ${status}`);
    };
    for (const w of work) await send(w.srv, w.warm);
    const t0 = performance.now();
    await Promise.all(
      work.map(async (w) => {
        for (const b of w.bodies) await send(w.srv, b);
      }),
    );
    return (clients * BATCHES * BATCH) / ((performance.now() - t0) / 1000);
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    await database.drop();
  }
}

export async function benchMultiproc(): Promise<Record<string, number | string>> {
  // Rounds alternate, so that a change in the machine's load falls on both sides alike; medians are compared.
  const ones: number[] = [];
  const twos: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ones.push(await ingest(1, 4));
    twos.push(await ingest(2, 4));
  }
  const one = median(ones);
  const two = median(twos);
  return {
    'one server process on PostgreSQL, 4 clients, events/s (reference, median)': Math.round(one),
    'two server processes on one PostgreSQL, 2 clients each, events/s (median)': Math.round(two),
    'two-process ingest / one process (target >= 1.6)': Math.round((two / one) * 100) / 100,
    'rounds (one process | two processes), events/s': `${ones.map(Math.round).join(', ')} | ${twos.map(Math.round).join(', ')}`,
    'load average (1 min) at the end': os.loadavg()[0].toFixed(2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await benchMultiproc())) console.log(`  ${k}: ${v}`);
  process.exit(0);
}
