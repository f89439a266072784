/**
 * `npm run bench`: every benchmark the issues name, with their figures, each next to its reference
 * measured in the same run. `npm run bench -- ingest stall` runs only the suites named.
 * The figures are also written to bench/results/<time>.json so that runs can be compared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../scripts/build-server';

type Figures = Record<string, number | string>;

// An explicit list: the order is cheap suites first, and a suite is found by name, not by which export sorts first.
const SUITES: Record<string, { title: string; run: () => Promise<Figures> }> = {
  server: { title: 'Server core', run: async () => (await import('./server')).benchServer() },
  ingest: { title: 'Ingest and stalls under writers (issue 13)', run: async () => (await import('./ingest')).benchIngest() },
  stages: {
    title: 'Ingest stages per 10k-event batch, CPU ms (issue 13)',
    run: async () => (await import('./ingest-stages')).benchIngestStages(),
  },
  stall: { title: 'Hostile requests (issue 10)', run: async () => (await import('./stall')).benchStall() },
  startup: { title: 'Startup (issue 13)', run: async () => (await import('./startup')).benchStartup() },
  paint: { title: 'First paint bytes (issue 13)', run: async () => (await import('./paint')).benchFirstPaint() },
  events: { title: 'Event store', run: async () => (await import('./events')).benchEventsStore() },
  metrics: { title: 'Last metrics (issue 12)', run: async () => (await import('./metrics')).benchMetrics() },
  store: { title: 'Store at scale, SQLite (issue 12)', run: async () => (await import('./store')).benchStore() },
  'store-postgres': {
    title: 'Store at scale, PostgreSQL (issue 12)',
    run: async () => (await import('./store-postgres')).benchStorePostgres(),
  },
  'params-postgres': {
    title: 'Hyperparameter sorts, PostgreSQL (issue 12)',
    run: async () => (await import('./params-postgres')).benchParamsPostgres(),
  },
  multiproc: {
    title: 'Several processes on PostgreSQL (issue 12)',
    run: async () => (await import('./multiproc')).benchMultiproc(),
  },
  live: { title: 'Live push to the browser (issue 15)', run: async () => (await import('./live')).benchLive() },
  ui: { title: 'Dashboard timings (issue 15)', run: async () => (await import('./ui')).benchUi() },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((n) => !(n in SUITES));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}

// The servers the suites start are the built ones (dist-server/), as `npm start` runs them: build them from these sources.
await buildServer();

const all: Record<string, Figures> = {};
const started = Date.now();
for (const [name, suite] of Object.entries(SUITES)) {
  if (asked.length && !asked.includes(name)) continue;
  console.log(`\n${suite.title} [${name}] (load average ${os.loadavg()[0].toFixed(1)})`);
  const t0 = Date.now();
  try {
    all[name] = await suite.run();
  } catch (e) {
    all[name] = { error: (e as Error).stack ?? String(e) };
  }
  for (const [k, v] of Object.entries(all[name])) console.log(`  ${k}: ${v}`);
  console.log(`  (suite took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
console.log(`\nall suites took ${((Date.now() - started) / 1000).toFixed(0)} s`);

const dir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, figures: all }, null, 2));
console.log(`figures written to ${path.relative(process.cwd(), file)}`);
process.exit(Object.values(all).some((f) => 'error' in f) ? 1 : 0);
