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

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** Each worker-thread entry by the path threads.ts looks for it at, under the folder of the bundle that starts it. */
const threadEntries = () => Object.fromEntries(THREAD_ENTRIES.map((e) => [e, path.join(SRC, 'server', `${e}.ts`)]));

export async function buildServer(outdir = OUT_DIR): Promise<void> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await bundle(outdir, { main: path.join(SRC, 'server/main.ts'), cli: path.join(SRC, 'cli/main.ts'), ...threadEntries() });
}

/** The worker threads alone, bundled into `outdir` as the build bundles them (the test runs start theirs from there). */
export async function bundleThreads(outdir: string): Promise<void> {
  await bundle(outdir, threadEntries());
}

async function bundle(outdir: string, entryPoints: Record<string, string>): Promise<void> {
  await build({
    entryPoints,
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
