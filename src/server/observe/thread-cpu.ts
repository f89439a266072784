import fs from 'node:fs/promises';
import { THREAD_NAME_PREFIX } from '../thread-name';

/** /proc counts a thread's CPU time in ticks of USER_HZ, which Linux fixes at 100 a second for this interface. */
const TICKS_A_SECOND = 100;

/** The CPU ticks (user and system) in a /proc `stat` line: "id (name) state ...", a name that may hold spaces and parentheses. */
export function cpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A thread's role by its name: the one the server gave it, or `other`. */
const roleOf = (name: string) => (name.startsWith(THREAD_NAME_PREFIX) ? name.slice(THREAD_NAME_PREFIX.length) : 'other');

/**
 * CPU time a process's threads have used (user and system, seconds), by role: `main` (the thread whose id is the
 * process's: the event loop), the server's own threads by the name they gave themselves (`parse`, `writer`,
 * `reader`, ...: thread-name.ts), and `other` (V8's garbage-collection and compiler threads, libuv's pool).
 * Read from /proc/<pid>/task without blocking the loop. A thread that ended keeps, in its role's total, what it had
 * used when last read (what it used after that is lost), so a total never goes down: a Prometheus counter.
 * Empty where there is no procfs.
 */
export class ThreadCpu {
  /** Each live thread's role and CPU ticks when last read; each role's ticks (whole numbers: no rounding adds up). */
  private readonly seen = new Map<string, { role: string; ticks: number }>();
  private readonly totals = new Map<string, number>();

  constructor(private readonly pid = process.pid) {}

  async read(): Promise<Map<string, number>> {
    let tids: string[];
    try {
      tids = await fs.readdir(`/proc/${this.pid}/task`);
    } catch {
      return this.seconds();
    }
    const live = new Set<string>();
    await Promise.all(
      tids.map(async (tid) => {
        let stat: string;
        try {
          stat = await fs.readFile(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
        } catch {
          return; // it ended meanwhile
        }
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ticks = cpuTicks(stat);
        if (!Number.isSafeInteger(ticks)) return;
        const role = tid === String(this.pid) ? 'main' : roleOf(name);
        live.add(tid);
        // Less than before: the id went to a new thread, which starts from nothing. A thread that named itself since
        // keeps what it used before under the role it had then.
        const before = this.seen.get(tid);
        const since = before && ticks >= before.ticks ? before.ticks : 0;
        this.totals.set(role, (this.totals.get(role) ?? 0) + ticks - since);
        this.seen.set(tid, { role, ticks });
      }),
    );
    for (const tid of this.seen.keys()) if (!live.has(tid)) this.seen.delete(tid);
    return this.seconds();
  }

  private seconds(): Map<string, number> {
    return new Map([...this.totals].map(([role, ticks]) => [role, ticks / TICKS_A_SECOND]));
  }
}
