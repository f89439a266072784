import type { z } from 'zod';
import type { Artifact, Task } from '../../shared/api/records';
import { FROZEN_STATUSES } from '../../shared/task-state';
import type * as api from '../../shared/api/tasks';
import { assertParamCaps } from './param-caps';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { holdProjectsOr400 } from '../projects/paths';
import { eachBatch } from '../batches';
import { checkTagUpdate, retagged } from '../tag-updates';
import { assertRecordBytes } from '../http/record-size';
import {
  assertEditable,
  assertParamsEditable,
  describe,
  getTaskOr400,
  normalizeConfigItem,
  normalizeConfiguration,
  normalizeHyperParams,
  normalizeParam,
  touch,
} from './common';

/** The reads of parameters and configuration leave out a task's metrics: 5,000 tasks' rows took seconds to read. */
const NO_METRICS = { withMetrics: false };
/** As `localeCompare`, with one collator for a whole sort (250k parameters compared a collator each). */
const byText = new Intl.Collator().compare;

/**
 * The task with what tasks.update sets (name, tags, system tags, project, comment), and those fields as the answer
 * names them. Any state of the task: ClearML lets these change on a finished task too.
 */
export function updated(t: Task, req: z.infer<typeof api.tasksUpdate>): { next: Task; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const next: Task = { ...t };
  for (const key of ['name', 'tags', 'system_tags', 'project'] as const) {
    if (req[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = fields[key] = req[key];
  }
  if (req.comment !== undefined) next.comment = (fields.comment = req.comment ?? '') as string;
  return { next, fields };
}

/** Fields merged key by key into what is stored (embedded documents in ClearML). */
const MERGED = ['script', 'execution', 'models'] as const;

/**
 * What a forced edit may change on a Published task: the SDK's own `_edit` always sends `force` and renames, moves,
 * describes, tags and archives published tasks and datasets that way (clearml-server checks no status with `force`).
 * What the task ran and made (script, parameters, configuration, models) stays as published.
 */
const LABELS = new Set(['task', 'force', 'name', 'comment', 'tags', 'system_tags', 'project', 'parent', 'runtime']);

/** What an edit changes beyond the labels: the task's content (what it ran and made). */
const contentKeys = (req: Record<string, unknown>) => Object.keys(req).filter((k) => req[k] !== undefined && !LABELS.has(k));

function assertLabelsOnly(t: Task, req: Record<string, unknown>) {
  const other = contentKeys(req);
  if (other.length)
    throw errors.invalidTaskStatus(
      `Cannot edit ${other.join(', ')}: ${describe(t)}; a published task's name, comment, tags, project, parent and runtime change with force, nothing else (clone it instead)`,
      { task: t.id, status: t.status },
    );
}

export const editEndpoints = [
  endpoint('tasks.edit', async (req, ctx) =>
    ctx.store.transaction(async () => {
      // The project before the task (see ProjectRepo.hold).
      await holdProjectsOr400(ctx.store, [req.project]);
      const t = await getTaskOr400(ctx.store, req.task);
      if (FROZEN_STATUSES.includes(t.status) && req.force) assertLabelsOnly(t, req);
      else assertEditable(t, req.force, `edit ${t.id}`);
      const fields: Record<string, unknown> = {};
      const next: Task = { ...t };
      for (const key of ['name', 'type', 'tags', 'system_tags', 'parent', 'project', 'runtime'] as const) {
        if (req[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = fields[key] = req[key];
      }
      if (req.comment !== undefined) next.comment = (fields.comment = req.comment ?? '') as string;
      if (req.container !== undefined) next.container = (fields.container = req.container) as Record<string, string>;
      if (req.hyperparams !== undefined)
        next.hyperparams = (fields.hyperparams = normalizeHyperParams(req.hyperparams)) as Task['hyperparams'];
      if (req.configuration !== undefined) {
        next.configuration = (fields.configuration = normalizeConfiguration(req.configuration)) as Task['configuration'];
      }
      for (const key of MERGED) {
        const value = req[key] as Record<string, unknown> | undefined;
        if (value !== undefined) {
          (next as unknown as Record<string, unknown>)[key] = { ...(t[key] as object), ...value };
          fields[key] = value;
        }
      }
      if (req.output_dest !== undefined) {
        next.output = { ...next.output, destination: req.output_dest };
        fields.output_dest = req.output_dest;
      }
      // Only a change of them is checked: a task stored before the caps can still be renamed.
      if (req.hyperparams !== undefined || req.configuration !== undefined) assertParamCaps('tasks.edit', next, ctx.config);
      // As the caps above: only an edit that adds content is measured, so a big task can still be renamed or archived.
      if (contentKeys(req).length) assertRecordBytes('tasks.edit', next, ctx.config);
      await ctx.store.tasks.update(touch(next, ctx.identity));
      return { updated: 1, fields };
    }),
  ),

  endpoint('tasks.update', async (req, ctx) =>
    ctx.store.transaction(async () => {
      await holdProjectsOr400(ctx.store, [req.project]);
      const t = await getTaskOr400(ctx.store, req.task);
      const { next, fields } = updated(t, req);
      await ctx.store.tasks.update(touch(next, ctx.identity));
      return { updated: 1, fields };
    }),
  ),

  endpoint('tasks.update_tags', async (req, ctx) => {
    // Every task checked before any changes; then a batch at a time (see eachBatch).
    const unique = [...new Set(req.ids)];
    const read = (ids: string[]) => ctx.store.tasks.query({ ids, includeHidden: true, withMetrics: false });
    await checkTagUpdate('tasks.update_tags', unique, read, errors.invalidTaskId, req, ctx.config);
    await eachBatch(ctx, unique, async (batch) => {
      const tasks = await read(batch);
      await ctx.store.tasks.updateMany(tasks.map((t) => touch({ ...t, tags: retagged(t.tags, req) }, ctx.identity)));
    });
    return { updated: req.ids.length };
  }),

  endpoint('tasks.ping', async (req, ctx) => {
    await ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      await ctx.store.tasks.update({ ...t, last_update: new Date().toISOString().replace('Z', '+00:00') });
    });
    return {};
  }),

  endpoint('tasks.set_requirements', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      // The SDK sets requirements on its own running task without `force`.
      assertEditable(t, req.force || t.status === 'in_progress', `set requirements of ${t.id}`);
      const next = { ...t, script: { ...t.script, requirements: req.requirements } };
      assertRecordBytes('tasks.set_requirements', next, ctx.config);
      await ctx.store.tasks.update(touch(next, ctx.identity));
      return { updated: 1, fields: { 'script.requirements': req.requirements } };
    }),
  ),

  endpoint('tasks.edit_hyper_params', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertParamsEditable(
        t,
        req.force,
        req.hyperparams.map((p) => p.section),
        `edit hyperparameters of ${t.id}`,
      );
      const mode = req.replace_hyperparams ?? 'none';
      const hp = mode === 'all' ? {} : structuredClone(t.hyperparams);
      if (mode === 'section') for (const p of req.hyperparams) hp[p.section] = {};
      for (const p of req.hyperparams) {
        hp[p.section] ??= {};
        hp[p.section][p.name] = normalizeParam(p.section, p.name, p);
      }
      assertParamCaps('tasks.edit_hyper_params', { hyperparams: hp, configuration: {} }, ctx.config);
      assertRecordBytes('tasks.edit_hyper_params', { ...t, hyperparams: hp }, ctx.config);
      await ctx.store.tasks.update(touch({ ...t, hyperparams: hp }, ctx.identity));
      return { updated: 1 };
    }),
  ),

  endpoint(
    'tasks.get_hyper_params',
    async (req, ctx) => {
      const tasks = await ctx.store.tasks.getMany(req.tasks, NO_METRICS);
      return {
        params: tasks.map((t) => ({
          task: t.id,
          hyperparams: Object.values(t.hyperparams)
            .flatMap((s) => Object.values(s))
            .sort((a, b) => byText(a.section, b.section) || byText(a.name, b.name)),
        })),
      };
    },
    { access: 'read' },
  ),

  endpoint('tasks.delete_hyper_params', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertParamsEditable(
        t,
        req.force,
        req.hyperparams.map((p) => p.section),
        `delete hyperparameters of ${t.id}`,
      );
      const hp = structuredClone(t.hyperparams);
      let deleted = 0;
      for (const k of req.hyperparams) {
        if (!hp[k.section]) continue;
        if (k.name === undefined) {
          deleted += Object.keys(hp[k.section]).length;
          delete hp[k.section];
        } else if (hp[k.section][k.name]) {
          delete hp[k.section][k.name];
          deleted++;
        }
      }
      await ctx.store.tasks.update(touch({ ...t, hyperparams: hp }, ctx.identity));
      return { deleted };
    }),
  ),

  endpoint('tasks.edit_configuration', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertParamsEditable(t, req.force, null, `edit configuration of ${t.id}`);
      const conf = req.replace_configuration ? {} : { ...t.configuration };
      for (const c of req.configuration) conf[c.name] = normalizeConfigItem(c.name, c);
      assertParamCaps('tasks.edit_configuration', { hyperparams: {}, configuration: conf }, ctx.config);
      assertRecordBytes('tasks.edit_configuration', { ...t, configuration: conf }, ctx.config);
      await ctx.store.tasks.update(touch({ ...t, configuration: conf }, ctx.identity));
      return { updated: 1 };
    }),
  ),

  endpoint('tasks.delete_configuration', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertParamsEditable(t, req.force, null, `delete configuration of ${t.id}`);
      const conf = { ...t.configuration };
      const deleted = req.configuration.filter((name) => Object.hasOwn(conf, name) && delete conf[name]).length;
      if (deleted) await ctx.store.tasks.update(touch({ ...t, configuration: conf }, ctx.identity));
      return { deleted };
    }),
  ),

  endpoint(
    'tasks.get_configurations',
    async (req, ctx) => {
      const tasks = await ctx.store.tasks.getMany(req.tasks, NO_METRICS);
      return {
        configurations: tasks.map((t) => ({
          task: t.id,
          configuration: Object.values(t.configuration)
            .filter((c) => !req.names?.length || req.names.includes(c.name))
            .sort((a, b) => byText(a.name, b.name)),
        })),
      };
    },
    { access: 'read' },
  ),

  endpoint(
    'tasks.get_configuration_names',
    async (req, ctx) => {
      const tasks = await ctx.store.tasks.getMany(req.tasks, NO_METRICS);
      return {
        configurations: tasks
          .map((t) => ({ task: t.id, names: Object.keys(t.configuration).sort() }))
          .filter((c) => c.names.length || req.skip_empty === false),
      };
    },
    { access: 'read' },
  ),

  endpoint('tasks.add_or_update_artifacts', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      // Artifacts are outputs: a running task records them (the SDK always sends force).
      assertEditable(t, req.force || t.status === 'in_progress', `update artifacts of ${t.id}`);
      const list: Artifact[] = [...(t.execution.artifacts ?? [])];
      for (const a of req.artifacts) {
        const mode = a.mode ?? 'output';
        const clean = Object.fromEntries(Object.entries({ ...a, mode }).filter(([, v]) => v !== null)) as unknown as Artifact;
        const i = list.findIndex((x) => x.key === a.key && (x.mode ?? 'output') === mode);
        if (i >= 0) list[i] = clean;
        else list.push(clean);
      }
      list.sort((a, b) => a.key.localeCompare(b.key));
      const next = { ...t, execution: { ...t.execution, artifacts: list } };
      assertRecordBytes('tasks.add_or_update_artifacts', next, ctx.config);
      await ctx.store.tasks.update(touch(next, ctx.identity));
      return { updated: req.artifacts.length ? 1 : 0 };
    }),
  ),

  endpoint('tasks.delete_artifacts', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertEditable(t, req.force || t.status === 'in_progress', `delete artifacts of ${t.id}`);
      const gone = (a: Artifact) => req.artifacts.some((k) => k.key === a.key && (k.mode ?? 'output') === (a.mode ?? 'output'));
      const list = (t.execution.artifacts ?? []).filter((a) => !gone(a));
      await ctx.store.tasks.update(touch({ ...t, execution: { ...t.execution, artifacts: list } }, ctx.identity));
      return { deleted: (t.execution.artifacts ?? []).length - list.length };
    }),
  ),

  endpoint('tasks.add_or_update_model', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertEditable(t, t.status === 'in_progress', `attach a model to ${t.id}`);
      if (!(await ctx.store.models.get(req.model))) throw errors.invalidModelId(req.model);
      const list = [...t.models[req.type]];
      const item = { name: req.name, model: req.model, updated: new Date().toISOString() };
      const i = list.findIndex((m) => m.name === req.name);
      if (i >= 0) list[i] = item;
      else list.push(item);
      const next: Task = { ...t, models: { ...t.models, [req.type]: list } };
      if (req.iteration !== undefined) next.last_iteration = Math.max(t.last_iteration, req.iteration);
      assertRecordBytes('tasks.add_or_update_model', next, ctx.config);
      await ctx.store.tasks.update(touch(next, ctx.identity));
      return { updated: 1 };
    }),
  ),

  endpoint('tasks.delete_models', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const t = await getTaskOr400(ctx.store, req.task);
      assertEditable(t, t.status === 'in_progress', `detach models from ${t.id}`);
      const models = {
        input: t.models.input.filter((m) => !req.models.some((k) => k.type === 'input' && k.name === m.name)),
        output: t.models.output.filter((m) => !req.models.some((k) => k.type === 'output' && k.name === m.name)),
      };
      const removed = t.models.input.length + t.models.output.length - models.input.length - models.output.length;
      if (!removed) throw errors.badRequest(`No such model reference on ${describe(t)}`);
      await ctx.store.tasks.update(touch({ ...t, models }, ctx.identity));
      return { updated: 1 };
    }),
  ),
];
