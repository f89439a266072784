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

/** Whether process `pid` runs (on this machine: the lock is in the project folder). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The pid in lock folder `dir`, and whether its holder is gone. */
function holderOf(dir, staleAfterMs) {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    return { pid, stale: Number.isInteger(pid) && pid > 0 && !alive(pid) };
  } catch {
    // No pid yet: its holder is writing it, or died before it could.
    try {
      return { pid: undefined, stale: Date.now() - fs.statSync(dir).mtimeMs > staleAfterMs };
    } catch {
      return undefined;
    }
  }
}

/**
 * Takes the build lock `lock` (a folder holding its holder's pid), waiting for the holder. A lock is taken over only
 * when its holder no longer runs (or, with no pid written, after `staleAfterMs`): a long build is not stale. Taking
 * over renames the stale lock away first, so of several waiters only one removes it.
 */
export async function acquireLock(lock, { pollMs = 100, staleAfterMs = 120_000 } = {}) {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const holder = holderOf(lock, staleAfterMs);
    if (holder?.stale) {
      const away = `${lock}-stale-${process.pid}`;
      try {
        fs.renameSync(lock, away);
        // Another waiter may have taken over in between: give back a lock that is not the stale one.
        if (holderOf(away, staleAfterMs)?.pid === holder.pid) fs.rmSync(away, { recursive: true, force: true });
        else fs.renameSync(away, lock);
      } catch {
        // Someone else moved it first; try again.
      }
      continue;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Returns the URL of the built CLI, after building it when it is missing or older than the sources. */
export async function ensureBuilt() {
  if (!fresh()) {
    const release = await acquireLock(LOCK);
    try {
      if (!fresh()) await build();
    } finally {
      release();
    }
  }
  return pathToFileURL(CLI).href;
}
