/**
 * `Task.init` for Node scripts: creates the task (or attaches to the one an agent runs),
 * records how the script runs, connects parameters and configuration, reports through
 * `task.logger`, and ends the task with the right status however the process ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import YAML from 'yaml';
import type { ApiClient } from '../client';
import { clientFor, resolveConnection, type Connection } from '../client/connection';
import { escapeRegex } from '../shared/regex';
import type { Task as TaskEntity } from '../shared/api/records';
import type { TaskType } from '../shared/task-state';
import { Artifact, artifactFile, artifactRecord, type ArtifactInput, type ArtifactRecord } from './artifacts';
import { ConsoleCapture } from './console-capture';
import { detectPackages, detectRuntime, detectScript } from './environment';
import { artifactPath, taskFolder } from './files';
import { Logger } from './logger';
import { applyOverrides, flatten, type ParamObject } from './params';
import { TaskRecord } from './record';
import { EventReporter, type ReporterOptions } from '../client/event-reporter';

export interface InitOptions {
  project: string;
  name: string;
  type?: TaskType;
  tags?: string[];
  /** Where models and artifacts go (stored as the task's output destination). */
  outputUri?: string;
  /** Server and keys; by default from CLEARML_API_* variables or ~/clearml.conf. */
  connection?: Partial<Connection>;
  /** Copy stdout/stderr into the task's console (default on, off when an agent already ships it). */
  captureConsole?: boolean;
  /** How often a locally run task checks whether it was aborted from the dashboard (ms). */
  pollMs?: number;
  reporter?: Partial<ReporterOptions>;
}

export type LookupQuery = { id: string } | { project: string; name: string };

const PING_MS = 30_000;
const STOP_STATUSES = ['stopped', 'failed', 'completed', 'published', 'closed'];

/** Warnings and endings go to stderr; news (the task's page) to stdout, as ClearML prints it. */
function say(msg: string) {
  process.stderr.write(`Taskdeck: ${msg}\n`);
}
function tell(msg: string) {
  process.stdout.write(`Taskdeck: ${msg}\n`);
}

/** The running task of this process. */
export class Task extends TaskRecord {
  private static current: Task | null = null;
  readonly logger: Logger;
  /** True when an agent started this process for an existing task. */
  readonly remote: boolean;
  private readonly reporter: EventReporter;
  private readonly capture: ConsoleCapture | null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly folder: string;
  private readonly uploaded: ArtifactRecord[] = [];
  private closing: Promise<void> | null = null;
  private readonly detach: () => void;

  private constructor(data: TaskEntity, client: ApiClient, projectPath: string, remote: boolean, opts: InitOptions) {
    super(data, client);
    this.remote = remote;
    this.folder = taskFolder(projectPath, data.name, data.id);
    this.reporter = new EventReporter(client, { warn: say, ...opts.reporter });
    const worker = os.hostname();
    this.logger = new Logger(this.reporter, client, data.id, this.folder, worker);
    const capture = opts.captureConsole ?? process.env.CLEARML_LOG_TASK_TO_BACKEND !== '0';
    this.capture = capture ? new ConsoleCapture(this.reporter, data.id, worker) : null;
    this.detach = this.installProcessHooks();
    if (!remote) {
      this.every(PING_MS, () => client.call('tasks.ping', { task: this.id }));
      this.every(opts.pollMs ?? 5000, () => this.checkAborted());
    }
  }

  /** The task of this process, once `Task.init` has run. */
  static currentTask(): Task | null {
    return Task.current;
  }

  static async init(opts: InitOptions): Promise<Task> {
    if (Task.current) return Task.current;
    const conn = resolveConnection(opts.connection ?? {});
    const client = clientFor(conn, { 'X-ClearML-Worker': os.hostname(), 'X-ClearML-Client': 'taskdeck-sdk-0.1.0' });
    const attachTo = process.env.CLEARML_TASK_ID || process.env.TRAINS_TASK_ID;
    let task: Task;
    if (attachTo) {
      const data = (await client.call('tasks.get_by_id', { task: attachTo })).task;
      const projectPath = data.project ? (await client.call('projects.get_by_id', { project: data.project })).project.name : '';
      await client.call('tasks.started', { task: data.id });
      task = new Task(data, client, projectPath, true, opts);
    } else {
      const project = await ensureProject(client, opts.project);
      const { id } = await client.call('tasks.create', {
        name: opts.name,
        type: opts.type ?? 'training',
        project,
        tags: opts.tags ?? [],
        system_tags: ['development'],
        comment: `Auto-generated at ${new Date().toISOString()} by ${os.userInfo().username}@${os.hostname()}`,
      });
      const entry = process.argv[1] ?? '';
      const script = detectScript(entry);
      const packages = detectPackages(path.dirname(path.resolve(entry)));
      await client.call('tasks.edit', {
        task: id,
        force: true,
        script,
        runtime: detectRuntime(process.argv.slice(2)),
        ...(opts.outputUri ? { output_dest: opts.outputUri } : {}),
      });
      if (packages) await client.call('tasks.set_requirements', { task: id, requirements: { npm: packages } });
      // Started only once it is recorded: a Draft can be edited, and an abort from the dashboard
      // can come as soon as the task shows as Running.
      await client.call('tasks.started', { task: id });
      const data = (await client.call('tasks.get_by_id', { task: id })).task;
      task = new Task(data, client, opts.project, false, opts);
      tell(`task ${id} created; results at ${conn.baseUrl}/projects/${project}/experiments/${id}/output/log`);
    }
    Task.current = task;
    return task;
  }

  /** Reads a task back: by id, or the newest task of that name in that project. */
  static async get(q: LookupQuery, connection: Partial<Connection> = {}): Promise<TaskRecord> {
    const client = clientFor(resolveConnection(connection));
    if ('id' in q) return new TaskRecord((await client.call('tasks.get_by_id', { task: q.id })).task, client);
    const project = await findProject(client, q.project);
    if (!project) throw new Error(`No project named "${q.project}"`);
    const found = await client.call('tasks.get_all', {
      project: [project],
      name: `^${escapeRegex(q.name)}$`,
      order_by: ['-last_update'],
      page: 0,
      page_size: 1,
    });
    if (!found.tasks.length) throw new Error(`No task named "${q.name}" in project "${q.project}"`);
    return new TaskRecord(found.tasks[0], client);
  }

  /**
   * Records `obj` as the hyper-parameter section `section` and returns the values to use: the
   * object itself when run locally, the server's (edited) values typed like `obj` under an agent.
   */
  async connect<T extends ParamObject>(obj: T, section = 'General'): Promise<T> {
    let values = obj;
    if (this.remote) {
      // The task as loaded at attach time holds what the user edited before it was enqueued.
      const stored = Object.fromEntries(
        Object.entries(this.data.hyperparams?.[section] ?? {}).map(([k, p]) => [k, p.value ?? '']),
      );
      values = applyOverrides(obj, stored);
    }
    await this.client.call('tasks.edit_hyper_params', {
      task: this.id,
      force: true,
      hyperparams: flatten(values).map((p) => ({ section, ...p })),
    });
    return values;
  }

  /**
   * `node:util` parseArgs whose values are recorded under `Args`; under an agent the task's
   * `Args` override the command line.
   */
  async parseArgs<C extends ParseArgsConfig>(config: C): Promise<ReturnType<typeof nodeParseArgs<C>>['values']> {
    const parsed = nodeParseArgs({ args: process.argv.slice(2), ...config });
    const values = { ...(parsed.values as ParamObject) };
    // Options left out on the command line are still parameters a clone may set.
    for (const [k, o] of Object.entries(config.options ?? {})) {
      if (!(k in values)) values[k] = (o.default as ParamObject[string]) ?? (o.type === 'boolean' ? false : '');
    }
    return (await this.connect(values, 'Args')) as ReturnType<typeof nodeParseArgs<C>>['values'];
  }

  /**
   * Records a configuration object (a plain object, or the path of a config file) and returns
   * what to use: under an agent, the server's version (parsed, or written to a temporary file).
   */
  async connectConfiguration<T extends Record<string, unknown> | string>(
    value: T,
    name = 'General',
    description = '',
  ): Promise<T> {
    const isFile = typeof value === 'string';
    if (isFile && !fs.existsSync(value)) throw new Error(`connectConfiguration: no file at ${value}`);
    const ext = isFile ? path.extname(value).slice(1).toLowerCase() : '';
    const text = isFile ? fs.readFileSync(value, 'utf8') : JSON.stringify(value, null, 2);
    const type = isFile ? ext || 'text' : 'dictionary';
    let result = value;
    let stored = text;
    if (this.remote) {
      const server = this.data.configuration?.[name]?.value;
      if (server !== undefined) {
        stored = server;
        if (isFile) {
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-config-')), path.basename(value));
          fs.writeFileSync(file, server);
          result = file as T;
        } else {
          // YAML reads JSON too, and forgives the hand edits JSON does not.
          result = YAML.parse(server) as T;
        }
      }
    }
    await this.client.call('tasks.edit_configuration', {
      task: this.id,
      force: true,
      configuration: [{ name, value: stored, type, description }],
    });
    return result;
  }

  /** Uploads an object (stored as JSON), a string, bytes or a file, and records it on the task. */
  async uploadArtifact(name: string, value: ArtifactInput, metadata?: Record<string, unknown>): Promise<Artifact> {
    const f = artifactFile(name, value);
    const uri = await this.client.upload(artifactPath(this.folder, name, f.file), f.bytes, f.contentType);
    const record = artifactRecord(name, f, uri, metadata);
    const i = this.uploaded.findIndex((a) => a.key === name);
    if (i >= 0) this.uploaded[i] = record;
    else this.uploaded.push(record);
    await this.client.call('tasks.add_or_update_artifacts', { task: this.id, force: true, artifacts: [record] });
    return new Artifact(record, this.client);
  }

  /** Sends everything reported so far. */
  async flush(): Promise<void> {
    await this.logger.settle(say);
    await this.reporter.flush();
  }

  /**
   * Flushes, marks the task Completed and lets the process go on without the SDK. Under an agent
   * the status is the agent's to write once the process exits (as ClearML's SDK leaves it).
   */
  close(): Promise<void> {
    return this.finish(async () => {
      if (this.remote) return;
      const t = await this.reload();
      if (t.status === 'in_progress') await this.client.call('tasks.completed', { task: this.id, status_reason: 'completed' });
    });
  }

  private finish(setStatus: () => Promise<void>): Promise<void> {
    this.closing ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      await this.logger.settle(say);
      this.capture?.stop();
      await this.reporter.close();
      try {
        await setStatus();
      } finally {
        this.detach();
        if (Task.current === this) Task.current = null;
      }
    })();
    return this.closing;
  }

  private every(ms: number, fn: () => Promise<unknown>) {
    const t = setInterval(() => void fn().catch(() => {}), ms);
    t.unref();
    this.timers.push(t);
  }

  /** A locally run task stops itself when it is aborted from the dashboard. */
  private async checkAborted() {
    if (this.closing) return;
    const r = await this.client.call('tasks.get_all', {
      id: [this.id],
      only_fields: ['status', 'status_message'],
    });
    const t = r.tasks[0];
    if (!t) return this.exitWith(1, 'the task was deleted on the server; stopping the script', async () => {});
    const stopping = t.status === 'in_progress' && /stopping/.test(t.status_message ?? '');
    if (!stopping && !STOP_STATUSES.includes(t.status) && t.status !== 'created') return;
    await this.exitWith(
      1,
      `task ${this.id} was aborted from the dashboard (status ${t.status}); stopping the script`,
      async () => {
        if (stopping) await this.client.call('tasks.stopped', { task: this.id, status_reason: 'aborted from the dashboard' });
      },
    );
  }

  private async exitWith(code: number, msg: string, setStatus: () => Promise<void>) {
    say(msg);
    try {
      await this.finish(setStatus);
    } catch (e) {
      say(`could not record the final status: ${(e as Error).message}`);
    }
    process.exit(code);
  }

  /** Completed on a natural end, Failed on an uncaught error, Aborted on SIGINT/SIGTERM. */
  private installProcessHooks(): () => void {
    const onBeforeExit = () => {
      if (!this.closing) void this.close().catch((e: Error) => say(`could not close the task: ${e.message}`));
    };
    const onError = (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`${e.stack ?? e.message}\n`);
      void this.exitWith(1, `task ${this.id} failed: ${e.message}`, async () => {
        await this.client.call('tasks.failed', { task: this.id, status_reason: `${e.name}: ${e.message}`.slice(0, 1000) });
      });
    };
    const onSignal = (sig: NodeJS.Signals) => {
      void this.exitWith(sig === 'SIGINT' ? 130 : 143, `${sig} received; marking task ${this.id} aborted`, async () => {
        const t = await this.reload();
        // Under an agent, the agent records the abort it asked for.
        if (!this.remote && t.status === 'in_progress')
          await this.client.call('tasks.stopped', { task: this.id, status_reason: `aborted by ${sig}` });
      });
    };
    process.on('beforeExit', onBeforeExit);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('beforeExit', onBeforeExit);
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }
}

/** A project's id by its full name, looked up as the ClearML SDK does. */
async function findProject(client: ApiClient, name: string): Promise<string | null> {
  const r = await client.call('projects.get_all', {
    name: `^${escapeRegex(name)}$`,
    only_fields: ['id'],
    search_hidden: true,
  });
  return r.projects[0]?.id ?? null;
}

async function ensureProject(client: ApiClient, name: string): Promise<string> {
  return (await findProject(client, name)) ?? (await client.call('projects.create', { name, description: '' })).id;
}
