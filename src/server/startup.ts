import fs from 'node:fs';
import path from 'node:path';

/** A reason not to start that one line explains; main.ts prints it without a stack and exits 1. */
export class StartupError extends Error {}

const LOCK_FILE = 'taskdeck.lock';
/** Data folders held by servers of this process (a lock with our own pid is ours only if listed here). */
const held = new Set<string>();

/** Creates the data folder if needed and checks that it can be written. */
export function prepareDataDir(dir: string): void {
  prepareWritableDir(dir, 'data folder', '--data');
}

/** The same for a files folder given apart from the data folder (several servers may share it). */
export function prepareFilesDir(dir: string): void {
  prepareWritableDir(dir, 'files folder', '--files-dir');
}

function prepareWritableDir(dir: string, what: string, flag: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(`The ${what} ${dir} is not writable (${code}): choose another with ${flag}, or fix its permissions`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file, so that a second server cannot share the folder (its workers
 * and queues would silently split). A lock left by a process that no longer runs is taken over.
 * Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(dir);
      return () => {
        held.delete(dir);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    const ours = pid === process.pid && held.has(dir);
    if (Number.isInteger(pid) && pid > 0 && (ours || (pid !== process.pid && alive(pid)))) {
      throw new StartupError(
        `Another Taskdeck server (pid ${pid}) is using the data folder ${dir}: stop it first, or start with another --data`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new StartupError(`Could not take the lock file ${file}: another server may be starting on the same data folder`);
}
