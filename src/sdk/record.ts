import type { Histogram } from '../shared/api/results';
import type { ApiClient } from '../client';
import type { Task as TaskEntity } from '../shared/api/records';
import { Artifact, type ArtifactRecord } from './artifacts';

/** A task read from the server: its record, parameters, scalars and artifacts. */
export class TaskRecord {
  constructor(
    protected data: TaskEntity,
    protected readonly client: ApiClient,
  ) {}

  get id(): string {
    return this.data.id;
  }
  get name(): string {
    return this.data.name;
  }
  get status(): string {
    return this.data.status;
  }
  get parent(): string | null {
    return this.data.parent;
  }
  /** The whole record as the server returned it. */
  get record(): TaskEntity {
    return this.data;
  }

  /** Every hyper-parameter as a flat `Section/name` → value map. */
  getParameters(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [section, params] of Object.entries(this.data.hyperparams ?? {})) {
      for (const [name, p] of Object.entries(params)) out[`${section}/${name}`] = p.value ?? '';
    }
    return out;
  }

  get artifacts(): Record<string, Artifact> {
    return Object.fromEntries(
      (this.data.execution.artifacts ?? []).map((a) => [a.key, new Artifact(a as ArtifactRecord, this.client)]),
    );
  }

  /** Reported scalars: `{metric: {variant: {x, y}}}` (downsampled by the server for long series). */
  async getReportedScalars(): Promise<Histogram> {
    return this.client.call('events.scalar_metrics_iter_histogram', { task: this.id, key: 'iter' });
  }

  /** The console, oldest line first. */
  async getConsoleOutput(maxEvents = 1000): Promise<string[]> {
    const r = await this.client.call('events.get_task_log', {
      task: this.id,
      order: 'asc',
      batch_size: maxEvents,
    });
    return r.events.map((e) => e.msg);
  }

  async reload(): Promise<this> {
    this.data = (await this.client.call('tasks.get_by_id', { task: this.id })).task;
    return this;
  }
}
