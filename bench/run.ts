/** `npm run bench`: every benchmark the issues name, with their figures. */
import fs from 'node:fs';
import path from 'node:path';
import { benchServer } from './server';

const all: Record<string, Record<string, number | string>> = {};

console.log('Server (issue: server core)');
all.server = await benchServer();
for (const [k, v] of Object.entries(all.server)) console.log(`  ${k}: ${v}`);

// Further suites (dashboard timings) register themselves as bench/<name>.ts exporting bench<Name>().
for (const file of fs.readdirSync(import.meta.dirname).sort()) {
  const m = /^(?!server|run)(\w+)\.ts$/.exec(file);
  if (!m || file === 'server-process.ts') continue;
  const mod = (await import(path.join(import.meta.dirname, file))) as Record<string, unknown>;
  const fn = Object.entries(mod).find(([k, v]) => k.startsWith('bench') && typeof v === 'function')?.[1] as
    (() => Promise<Record<string, number | string>>) | undefined;
  if (!fn) continue;
  console.log(`\n${m[1]}`);
  all[m[1]] = await fn();
  for (const [k, v] of Object.entries(all[m[1]])) console.log(`  ${k}: ${v}`);
}
process.exit(0);
