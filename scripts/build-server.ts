/**
 * Bundles the server, the CLI and the server's worker threads into dist-server/ (`npm run build`), so that
 * `npm start` runs plain JavaScript: no TypeScript compiled at start. Packages stay in node_modules (the native
 * better-sqlite3 among them). Run: npx tsx scripts/build-server.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { THREAD_ENTRIES } from '../src/server/threads';

export const OUT_DIR = path.resolve(import.meta.dirname, '..', 'dist-server');

export async function buildServer(outdir = OUT_DIR): Promise<void> {
  const src = path.resolve(import.meta.dirname, '..', 'src');
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: path.join(src, 'server/main.ts'),
      cli: path.join(src, 'cli/main.ts'),
      // threads.ts finds each thread at the same path beside the bundle that starts it.
      ...Object.fromEntries(THREAD_ENTRIES.map((e) => [e, path.join(src, 'server', `${e}.ts`)])),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await buildServer();
