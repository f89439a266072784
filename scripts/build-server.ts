/**
 * Bundles the server, the CLI and the server's worker threads into dist-server/ (`npm run build`), so that
 * `npm start` runs plain JavaScript: no TypeScript compiled at start. Pure-JavaScript packages are bundled in too:
 * resolving and loading a few hundred files from node_modules was a quarter of the start's CPU time. Packages that
 * load native code or files of their own at run time stay in node_modules. Run: npx tsx scripts/build-server.ts
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
    // better-sqlite3 loads its native addon; pg may look for pg-native; pino starts transports from its own files.
    external: ['better-sqlite3', 'pg', 'pg-native', 'pino', 'pino-pretty'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __taskdeckRequire } from 'node:module'; const require = __taskdeckRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await buildServer();
