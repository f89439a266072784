// Makes sure dist-server/ (server, CLI and worker threads, bundled by scripts/build-server.ts) is at least as new
// as the sources, so that `taskdeck` and `npm run users|credentials|agent` run plain JavaScript: TypeScript is
// compiled once per change of the sources, not on every start. Several processes may start at once (tests start
// agents in parallel): one builds under a lock, into a folder of its own that then replaces dist-server/.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist-server');
const CLI = path.join(OUT, 'cli.js');
const LOCK = path.join(ROOT, '.tmp', 'dist-server.lock');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|mjs|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function fresh() {
  if (!fs.existsSync(CLI)) return false;
  const src = path.join(ROOT, 'src');
  // An installed copy without sources runs what it shipped.
  if (!fs.existsSync(src)) return true;
  const built = fs.statSync(CLI).mtimeMs;
  return newestSource(src) <= built && newestSource(path.join(ROOT, 'scripts')) <= built;
}

async function build() {
  const { register } = await import('tsx/esm/api');
  const unregister = register();
  try {
    const { buildServer } = await import(pathToFileURL(path.join(ROOT, 'scripts/build-server.ts')).href);
    const tmp = fs.mkdtempSync(path.join(ROOT, '.tmp', 'dist-server-'));
    await buildServer(tmp);
    const old = `${tmp}-old`;
    if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
    fs.renameSync(tmp, OUT);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    await unregister();
  }
}

/** Returns the URL of the built CLI, after building it when it is missing or older than the sources. */
export async function ensureBuilt() {
  if (!fresh()) {
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    for (let waited = 0; ; waited += 100) {
      try {
        fs.mkdirSync(LOCK);
        break;
      } catch (e) {
        if (e.code !== 'EEXIST') throw e;
        // A build left by a process that died holds the lock at most this long.
        if (waited > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    try {
      if (!fresh()) await build();
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return pathToFileURL(CLI).href;
}
