import fs from 'node:fs';

/** What the names the server gives its worker threads start with (observe/thread-cpu.ts groups them by it). */
export const THREAD_NAME_PREFIX = 'td-';

/**
 * Names the calling thread `td-<role>` wherever the OS shows thread names (`top -H`, `ps -L`, perf,
 * /proc/<pid>/task/<tid>/comm). Node 20 has no call for it and leaves every worker thread named "node"; Linux
 * lets a thread rename itself through procfs, and keeps 15 bytes of the name. Without procfs, nothing changes.
 * Each thread entry calls it once, first thing, off the event loop.
 */
export function nameThread(role: string): void {
  try {
    fs.writeFileSync('/proc/thread-self/comm', `${THREAD_NAME_PREFIX}${role}`.slice(0, 15));
  } catch {
    // Not Linux, or no procfs: the thread keeps the name it had.
  }
}
