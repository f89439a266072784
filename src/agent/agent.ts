/**
 * `taskdeck agent`: serves queues like clearml-agent does. It registers as a worker, takes
 * the next task of its queues in priority order, prepares its code, runs it with the
 * environment that makes the SDK attach to the task, ships its console, stops it when the
 * task is aborted, and records how it ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiCallError, NetworkError, type ApiClient } from '../client';
import { clientFor, connectionEnv, type Connection } from '../client/connection';
import { clearmlConf } from '../shared/clearml-conf';
import { escapeRegex, ignoringCase } from '../shared/regex';
import type { Task } from '../shared/api/records';
import { buildCommand } from './command';
import { failureSummary } from './failure';
import { LogShipper } from './log-shipper';
import { installRequirements } from './requirements';
import { PrepareError, prepareWorkdir, type Prepared } from './workdir';

export interface AgentOptions {
  connection: Connection;
  /** Queue names or ids, highest priority first. */
  queues: string[];
  workdir: string;
  workerId: string;
  /** Stop after this many tasks (unlimited when 0). */
  maxTasks: number;
  /** Wait between looks at empty queues. */
  pollMs: number;
  /** How often a running task's status is checked for an abort. */
  statusMs: number;
  /** How often the worker reports itself (and its task) to the server. */
  reportMs: number;
  logFlushMs: number;
  /** Time a child has to exit after SIGTERM before SIGKILL. */
  killGraceMs: number;
  installRequirements: boolean;
  /** How long to keep trying to record how a task ended while the server cannot be reached. */
  finalStatusRetryMs: number;
  log: (msg: string) => void;
}

export const AGENT_DEFAULTS = {
  pollMs: 5000,
  statusMs: 3000,
  reportMs: 30_000,
  logFlushMs: 1000,
  killGraceMs: 3000,
  maxTasks: 0,
  installRequirements: false,
  finalStatusRetryMs: 10 * 60_000,
};

type StopReason = 'aborted' | 'status_changed' | 'reset' | 'shutdown';

const ID_RE = /^[-a-f0-9]{30,}$/;
/** The server's subcode for a queue that does not exist (ClearML's 400/701). */
const QUEUE_GONE = 701;

interface Running {
  task: string;
  queue: string;
  child: ChildProcess | null;
  stop: StopReason | null;
}

export class Agent {
  private readonly client: ApiClient;
  private queueIds: string[] = [];
  private running: Running | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private reportTimer: NodeJS.Timeout | null = null;
  /** Tasks taken so far. */
  taken = 0;

  constructor(private readonly o: AgentOptions) {
    this.client = clientFor(o.connection, { 'X-ClearML-Worker': o.workerId, 'X-ClearML-Agent': 'taskdeck-agent-0.1.0' });
  }

  /** Serves the queues until `stop()` or `maxTasks`; unregisters on the way out. */
  async run(): Promise<void> {
    this.queueIds = await this.resolveQueues();
    await this.client.call('workers.register', { worker: this.o.workerId, queues: this.queueIds });
    this.o.log(`worker ${this.o.workerId} serving ${this.o.queues.join(', ') || 'the default queue'}`);
    // A report that fails (the server restarting) is retried by the timer; it must not end the agent.
    await this.report().catch(() => {});
    this.reportTimer = setInterval(() => void this.report().catch(() => {}), this.o.reportMs);
    try {
      let failures = 0;
      while (!this.stopping && (!this.o.maxTasks || this.taken < this.o.maxTasks)) {
        let next: { task: string; queue: string } | null;
        try {
          next = await this.nextTask();
          if (failures) this.o.log(`server reachable again after ${failures} failed attempt(s)`);
          failures = 0;
        } catch (e) {
          // The server may be restarting: keep trying, slower and slower, up to a minute apart.
          const wait = Math.min(this.o.pollMs * 2 ** failures, 60_000);
          failures++;
          this.o.log(`cannot reach the server (${(e as Error).message}); retrying in ${Math.round(wait / 1000)} s`);
          await this.sleep(wait);
          continue;
        }
        if (next) {
          this.taken++;
          await this.runTask(next.task, next.queue);
          await this.report().catch(() => {});
        } else {
          await this.sleep(this.o.pollMs);
        }
      }
    } finally {
      if (this.reportTimer) clearInterval(this.reportTimer);
      await this.client.call('workers.unregister', { worker: this.o.workerId }).catch(() => {});
      this.o.log(`worker ${this.o.workerId} stopped`);
    }
  }

  /** Stops taking tasks; a task under way is aborted and recorded as such. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
    if (this.running?.child) this.kill(this.running, 'shutdown');
  }

  private async resolveQueues(): Promise<string[]> {
    if (!this.o.queues.length) return [(await this.client.call('queues.get_default')).id];
    const ids: string[] = [];
    for (const q of this.o.queues) {
      if (ID_RE.test(q)) {
        ids.push((await this.client.call('queues.get_by_id', { queue: q })).queue.id);
        continue;
      }
      // A queue named as given, else one whose name differs only in case (`--queue GPU` for "gpu").
      const r = await this.client.call('queues.get_all', {
        name: ignoringCase(`^${escapeRegex(q)}$`),
        only_fields: ['id', 'name'],
        search_hidden: true,
      });
      const hit = r.queues.find((x) => x.name === q) ?? r.queues.find((x) => x.name.toLowerCase() === q.toLowerCase());
      if (!hit) throw new Error(`No queue named "${q}" (create it on the Workers & Queues page, or with queues.create)`);
      ids.push(hit.id);
    }
    return ids;
  }

  private async nextTask(): Promise<{ task: string; queue: string } | null> {
    for (const queue of [...this.queueIds]) {
      let r;
      try {
        r = await this.client.call('queues.get_next_task', { queue });
      } catch (e) {
        // A queue deleted while served: said once, and the others served on (it was retried forever as if the server
        // were away). With none left there is nothing to serve.
        if (!(e instanceof ApiCallError && e.subcode === QUEUE_GONE)) throw e;
        this.queueIds = this.queueIds.filter((q) => q !== queue);
        this.o.log(`queue ${queue} was deleted; ${this.queueIds.length ? 'serving the others' : 'no queue left to serve'}`);
        if (!this.queueIds.length) this.stop();
        else await this.client.call('workers.register', { worker: this.o.workerId, queues: this.queueIds }).catch(() => {});
        continue;
      }
      if (r.entry) return { task: r.entry.task, queue };
    }
    return null;
  }

  private report(): Promise<unknown> {
    const busy = this.running ? { task: this.running.task, queue: this.running.queue } : {};
    return this.client.call('workers.status_report', {
      worker: this.o.workerId,
      timestamp: Date.now(),
      queues: this.queueIds,
      ...busy,
      machine_stats: {
        memory_used: Math.round((os.totalmem() - os.freemem()) / 1024 ** 2),
        memory_free: Math.round(os.freemem() / 1024 ** 2),
        cpu_usage: [Math.round((os.loadavg()[0] / os.cpus().length) * 100)],
      },
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async runTask(taskId: string, queue: string): Promise<void> {
    let task: Task;
    try {
      task = (await this.client.call('tasks.get_by_id', { task: taskId })).task;
    } catch (e) {
      this.o.log(`skipping task ${taskId}: ${(e as Error).message}`);
      return;
    }
    if (task.status !== 'queued') {
      this.o.log(`skipping task ${taskId}: it is ${task.status}, not queued`);
      return;
    }
    const run: Running = { task: taskId, queue, child: null, stop: null };
    this.running = run;
    const logs = new LogShipper(this.client, taskId, this.o.workerId, this.o.logFlushMs);
    const note = (msg: string) => {
      this.o.log(`[${taskId}] ${msg}`);
      logs.line('info', `taskdeck-agent: ${msg}`);
    };
    // The console is complete before the task is seen ended.
    const end = async (status: 'completed' | 'failed' | 'stopped', reason: string) => {
      await logs.flush();
      await this.finalStatus(run, status, reason);
    };
    try {
      await this.client.call('tasks.started', {
        task: taskId,
        force: true,
        status_message: `pulled by agent ${this.o.workerId}`,
      });
      await this.client.call('tasks.edit', {
        task: taskId,
        force: true,
        runtime: { ...task.runtime, _exec_agent_hostname: os.hostname(), _exec_agent_worker: this.o.workerId },
      });
      await this.report().catch(() => {});
      note(`task ${taskId} pulled from queue ${queue} by worker ${this.o.workerId}`);
      const taskDir = path.join(this.o.workdir, 'tasks', taskId);
      let prepared;
      try {
        prepared = await prepareWorkdir(task.script ?? {}, taskDir);
      } catch (e) {
        if (!(e instanceof PrepareError)) throw e;
        note(`cannot run: ${e.message}`);
        await end('failed', e.message);
        return;
      }
      prepared.notes.forEach(note);
      if (prepared.checkedOut) {
        // As clearml-agent does: a task that named a branch records the commit it ran.
        await this.client.call('tasks.edit', {
          task: taskId,
          force: true,
          script: { ...task.script, version_num: prepared.checkedOut },
        });
        note(`recorded commit ${prepared.checkedOut}`);
      }
      let command = buildCommand(prepared.entry, task.script?.binary);
      if (this.o.installRequirements) {
        try {
          const r = await installRequirements(
            task.script?.requirements,
            command,
            prepared.cwd,
            path.join(this.o.workdir, 'venvs', taskId),
          );
          command = r.command;
          note(r.note);
          if (r.record) await this.client.call('tasks.set_requirements', { task: taskId, force: true, requirements: r.record });
        } catch (e) {
          note(`installing requirements failed: ${(e as Error).message}`);
          await end('failed', `installing requirements failed: ${(e as Error).message}`);
          return;
        }
      }
      note(`running task id [${taskId}]: ${[command.cmd, ...command.args].join(' ')} (in ${prepared.cwd})`);
      const exit = await this.execute(run, command.cmd, command.args, prepared, logs);
      await logs.flush();
      if (run.stop === 'aborted' || run.stop === 'shutdown') {
        note(run.stop === 'aborted' ? 'user aborted: the task was stopped' : 'agent shutting down: the task was stopped');
        await end('stopped', run.stop === 'aborted' ? 'task was stopped by tasks.stop' : `agent ${this.o.workerId} shut down`);
      } else if (run.stop) {
        note(`the task was ${run.stop === 'reset' ? 'reset' : 'changed'} on the server; its process was stopped`);
      } else if (exit.code === 0) {
        note('process finished with exit code 0');
        await end('completed', 'worker execution done');
      } else {
        const how = exit.code === null ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
        note(`process failed, ${how}`);
        const why = failureSummary(logs.lastErrors);
        await end('failed', `worker execution ${how}${why ? `: ${why}` : ''}`);
      }
      if (prepared.scratch) fs.rmSync(prepared.scratch, { recursive: true, force: true });
    } catch (e) {
      this.o.log(`[${taskId}] agent error: ${(e as Error).stack ?? e}`);
      logs.line('error', `taskdeck-agent: ${(e as Error).message}`);
      await end('failed', `agent error: ${(e as Error).message}`).catch(() => {});
    } finally {
      await logs.close();
      this.running = null;
    }
  }

  /**
   * Writes the final status unless the script (or someone else) already ended the task. While
   * the server is away (restarting) it keeps trying, so the task does not stay Running until the
   * server's watchdog aborts it; an agent shutting down tries only briefly.
   */
  private async finalStatus(run: Running, status: 'completed' | 'failed' | 'stopped', reason: string) {
    const deadline = Date.now() + this.o.finalStatusRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const cur = (await this.client.call('tasks.get_all', { id: [run.task], only_fields: ['status'] })).tasks[0];
        if (!cur || cur.status !== 'in_progress') return;
        await this.client.call(`tasks.${status}`, {
          task: run.task,
          status_reason: reason.slice(0, 2000),
          status_message: `Changed by taskdeck-agent ${this.o.workerId}`,
        });
        if (attempt) this.o.log(`[${run.task}] recorded as ${status} after ${attempt} failed attempt(s)`);
        return;
      } catch (e) {
        if (!(e instanceof NetworkError) || Date.now() >= deadline || (this.stopping && attempt >= 2)) throw e;
        const wait = Math.min(1000 * 2 ** attempt, 30_000);
        this.o.log(`[${run.task}] cannot record the task as ${status} (${e.message}); retrying in ${Math.round(wait / 1000)} s`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  private execute(
    run: Running,
    cmd: string,
    args: string[],
    where: Prepared,
    logs: LogShipper,
  ): Promise<{ code: number | null; signal: string | null }> {
    const cwd = where.cwd;
    const conf = this.writeConf();
    const env = {
      ...process.env,
      ...connectionEnv(this.o.connection),
      CLEARML_TASK_ID: run.task,
      TRAINS_TASK_ID: run.task,
      CLEARML_WORKER_ID: this.o.workerId,
      CLEARML_LOG_TASK_TO_BACKEND: '0',
      TRAINS_LOG_TASK_TO_BACKEND: '0',
      CLEARML_CONFIG_FILE: conf,
      TRAINS_CONFIG_FILE: conf,
      PYTHONUNBUFFERED: '1',
      // A script in a subfolder can import modules from the top of its repository.
      PYTHONPATH: [...new Set([where.root, cwd])]
        .concat(process.env.PYTHONPATH ? [process.env.PYTHONPATH] : [])
        .join(path.delimiter),
    };
    return new Promise((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        logs.line('error', `cannot start ${cmd}: ${(e as Error).message}`);
        resolve({ code: 127, signal: null });
        return;
      }
      run.child = child;
      child.stdout?.setEncoding('utf8').on('data', (d: string) => logs.write('info', d));
      child.stderr?.setEncoding('utf8').on('data', (d: string) => logs.write('error', d));
      const poll = setInterval(() => void this.checkStatus(run).catch(() => {}), this.o.statusMs);
      const ping = setInterval(() => void this.client.call('tasks.ping', { task: run.task }).catch(() => {}), 30_000);
      child.once('error', (e) => {
        logs.line('error', `cannot start ${cmd}: ${e.message}`);
      });
      // Output may still be in the pipes when the process exits: read it to the end, but do
      // not wait forever on a pipe a left-behind grandchild holds open.
      const drained = Promise.all(
        [child.stdout, child.stderr].map((s) => new Promise<void>((r) => (s ? s.once('close', () => r()) : r()))),
      );
      child.once('exit', (code, signal) => {
        clearInterval(poll);
        clearInterval(ping);
        void Promise.race([drained, new Promise((r) => setTimeout(r, 2000))]).then(() => {
          // Whatever the script left behind in its process group goes with it.
          if (child.pid)
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              /* already gone */
            }
          resolve({ code, signal });
        });
      });
    });
  }

  /** ClearML's stop signals: "stopping" asks to abort; another status means someone else took over. */
  private async checkStatus(run: Running) {
    if (run.stop) return;
    const r = await this.client.call('tasks.get_all', {
      id: [run.task],
      only_fields: ['status', 'status_message'],
    });
    const t = r.tasks[0];
    if (!t) return this.kill(run, 'status_changed');
    if (t.status === 'in_progress' && /stopping/.test(t.status_message ?? '')) return this.kill(run, 'aborted');
    if (t.status === 'created') return this.kill(run, 'reset');
    if (t.status !== 'in_progress') return this.kill(run, 'status_changed');
  }

  private kill(run: Running, reason: StopReason) {
    if (run.stop || !run.child?.pid) return;
    run.stop = reason;
    const pid = run.child.pid;
    this.o.log(`[${run.task}] stopping its process (${reason})`);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* exited in time */
      }
    }, this.o.killGraceMs);
    t.unref();
  }

  /** The clearml.conf a Python task's SDK reads (the CLEARML_API_* variables say the same). */
  private writeConf(): string {
    const file = path.join(this.o.workdir, 'clearml.conf');
    const c = this.o.connection;
    fs.mkdirSync(this.o.workdir, { recursive: true });
    fs.writeFileSync(file, clearmlConf(c.baseUrl, c) + '\n', { mode: 0o600 });
    return file;
  }
}
