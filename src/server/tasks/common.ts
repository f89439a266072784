import type { z } from 'zod';
import type { ConfigurationItem, HyperParams, ParamsItem, Task } from '../../shared/api/records';
import type { configurationMap } from '../../shared/api/tasks';
import { canTransition, FROZEN_STATUSES, STATUS_LABELS, type TaskStatus } from '../../shared/task-state';
import type { Identity } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import type { Store } from '../store/store';

export async function getTaskOr400(store: Store, id: string): Promise<Task> {
  const t = await store.tasks.get(id);
  if (!t) throw errors.invalidTaskId(id);
  return t;
}

/** Refuses (400/101, naming the first missing) unless every task of `ids` exists; checked before a change in batches. */
export async function assertTasksExist(store: Store, ids: string[]): Promise<void> {
  const found = await store.tasks.statuses(ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw errors.invalidTaskId(missing);
}

export function describe(t: Task): string {
  return `task "${t.name}" (${t.id}) is ${STATUS_LABELS[t.status]} (${t.status})`;
}

/** Refuses to change a Published task at all, or any non-Draft unless forced. */
export function assertEditable(t: Task, force: boolean | undefined, what = 'edit'): void {
  if (FROZEN_STATUSES.includes(t.status)) {
    throw errors.invalidTaskStatus(`Cannot ${what}: ${describe(t)} and published tasks are read-only; clone it instead`, {
      task: t.id,
      status: t.status,
    });
  }
  if (t.status !== 'created' && !force) {
    throw errors.invalidTaskStatus(`Cannot ${what}: ${describe(t)}; only Draft tasks can be edited (clone it, or pass force)`, {
      task: t.id,
      status: t.status,
    });
  }
}

/** The hyper-parameter section a user may edit in any status (ClearML's "User Properties"). */
export const PROPERTIES_SECTION = 'properties';

/**
 * Hyper-parameters and configuration: Draft only; with `force` also a running task (the SDK
 * records its own); a change that touches only User Properties, any status.
 */
export function assertParamsEditable(t: Task, force: boolean | undefined, sections: string[] | null, what: string): void {
  if (sections?.length && sections.every((s) => s === PROPERTIES_SECTION)) return;
  assertEditable(t, force && (t.status === 'created' || t.status === 'in_progress'), what);
}

/** Checks the lifecycle table. `force` skips the check, except out of a frozen status. */
export function assertTransition(t: Task, to: TaskStatus, action: string, force?: boolean): void {
  const frozen = FROZEN_STATUSES.includes(t.status);
  if (!frozen && (force || t.status === to || canTransition(t.status, to))) return;
  throw errors.invalidTaskStatus(
    `Cannot ${action}: ${describe(t)}, and a ${STATUS_LABELS[t.status]} task cannot become ${STATUS_LABELS[to]}`,
    { task: t.id, status: t.status, action, target: to },
  );
}

export interface StatusUpdate {
  reason?: string;
  message?: string;
  extra?: Partial<Task>;
}

/** Applies a status change to a copy of the task; returns it with the `fields` the API reports. */
export function withStatus(
  t: Task,
  to: TaskStatus,
  who: Identity,
  u: StatusUpdate = {},
): { task: Task; fields: Record<string, unknown> } {
  const now = isoNow();
  const fields: Record<string, unknown> = {
    status: to,
    status_reason: u.reason ?? '',
    status_message: u.message ?? '',
    status_changed: now,
    last_update: now,
    last_change: now,
    last_changed_by: who.user,
    ...u.extra,
  };
  return { task: { ...t, ...(fields as Partial<Task>) }, fields };
}

export function touch(t: Task, who: Identity): Task {
  const now = isoNow();
  return { ...t, last_update: now, last_change: now, last_changed_by: who.user };
}

/** Hyper-parameter values are always strings in ClearML; numbers and booleans are written as Python would. */
export function paramString(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** A parameter or configuration item as a client sends it: any value, optional metadata. */
type RawItem = z.output<typeof configurationMap>[string];

export function normalizeParam(section: string, name: string, p: RawItem): ParamsItem {
  const out: ParamsItem = { section, name, value: paramString(p.value) };
  if (p.type !== undefined && p.type !== null) out.type = p.type;
  if (p.description !== undefined && p.description !== null) out.description = p.description;
  return out;
}

export function normalizeHyperParams(h: Record<string, Record<string, RawItem>>): HyperParams {
  const out: HyperParams = {};
  for (const [section, params] of Object.entries(h)) {
    out[section] = {};
    for (const [name, p] of Object.entries(params)) out[section][name] = normalizeParam(section, p.name ?? name, p);
  }
  return out;
}

export function normalizeConfigItem(name: string, c: RawItem): ConfigurationItem {
  const out: ConfigurationItem = { name, value: paramString(c.value) };
  if (c.type !== undefined && c.type !== null) out.type = c.type;
  if (c.description !== undefined && c.description !== null) out.description = c.description;
  return out;
}

export function normalizeConfiguration(c: Record<string, RawItem>): Record<string, ConfigurationItem> {
  const out: Record<string, ConfigurationItem> = {};
  for (const [name, item] of Object.entries(c)) out[name] = normalizeConfigItem(item.name ?? name, item);
  return out;
}

/** A fresh Draft with every field the SDK reads present. */
export function blankTask(who: Identity, fields: Partial<Task> & Pick<Task, 'id' | 'name' | 'type'>): Task {
  const now = isoNow();
  return {
    user: who.user,
    company: who.company,
    status: 'created',
    status_reason: '',
    status_message: '',
    status_changed: now,
    comment: '',
    created: now,
    started: null,
    completed: null,
    last_update: now,
    last_change: now,
    last_changed_by: who.user,
    last_iteration: 0,
    last_metrics: {},
    project: null,
    parent: null,
    tags: [],
    system_tags: [],
    script: {},
    execution: { artifacts: [], parameters: {} },
    output: { destination: null },
    models: { input: [], output: [] },
    hyperparams: {},
    configuration: {},
    container: {},
    runtime: {},
    ...fields,
  };
}
