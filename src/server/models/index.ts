import type { Model, ModelMetadataItem } from '../../shared/api/records';
import { assertRecordBytes } from '../http/record-size';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow, newId, newRecord } from '../ids';
import { asList, nextScrollId, paging, listed, sortKeys, tagFilter } from '../projection';
import type { Store } from '../store/store';
import { assertPattern } from '../name-pattern';
import { holdProjectsOr400 } from '../projects/paths';

/** ClearML's edit/create take metadata as a list; it is kept and returned as a map keyed by `key`. */
function metadataMap(items: { key: string; type?: string | null; value?: string | null }[]): Record<string, ModelMetadataItem> {
  return Object.fromEntries(items.map((i) => [i.key, { key: i.key, type: i.type ?? undefined, value: i.value ?? undefined }]));
}

async function getModelOr400(store: Store, id: string): Promise<Model> {
  const m = await store.models.get(id);
  if (!m) throw errors.invalidModelId(id);
  return m;
}

const EDITABLE = [
  'uri',
  'name',
  'comment',
  'tags',
  'system_tags',
  'framework',
  'design',
  'labels',
  'ready',
  'project',
  'parent',
  'task',
  'metadata',
] as const;

function applyEdits(m: Model, req: Partial<Record<(typeof EDITABLE)[number], unknown>>) {
  const fields: Record<string, unknown> = {};
  const next = { ...m, last_update: isoNow() } as unknown as Record<string, unknown>;
  for (const k of EDITABLE) if (req[k] !== undefined && req[k] !== null) next[k] = fields[k] = req[k];
  if (fields.metadata) {
    next.metadata = fields.metadata = metadataMap(Object.values(fields.metadata as Record<string, ModelMetadataItem>));
  }
  return { model: next as unknown as Model, fields };
}

export const modelEndpoints = [
  // The project is checked, as clearml-server checks it, and held until the model is stored (see holdProjectsOr400).
  endpoint('models.create', async (req, ctx) =>
    ctx.store.transaction(async () => {
      await holdProjectsOr400(ctx.store, [req.project]);
      const model: Model = {
        ...newRecord(ctx.identity, req.name),
        task: req.task ?? null,
        parent: req.parent ?? null,
        project: req.project ?? null,
        comment: req.comment ?? '',
        tags: req.tags ?? [],
        system_tags: req.system_tags ?? [],
        framework: req.framework ?? null,
        design: req.design ?? {},
        labels: req.labels ?? {},
        uri: req.uri,
        ready: req.ready ?? true,
        public: req.public ?? false,
        ...(req.metadata
          ? { metadata: metadataMap(Array.isArray(req.metadata) ? req.metadata : Object.values(req.metadata)) }
          : {}),
      };
      assertRecordBytes('models.create', model, ctx.config);
      await ctx.store.models.insert(model);
      return { id: model.id, created: true };
    }),
  ),
  endpoint('models.get_by_id', async (req, ctx) => ({ model: await getModelOr400(ctx.store, req.model) }), {
    access: 'read',
  }),
  endpoint(
    'models.get_all',
    async (req, ctx) => {
      assertPattern(ctx.store, 'name', req.name);
      // The SDK lists a task's models (checkpoints can be many) without paging: give it the largest page.
      const page = paging(req, ctx.config, { ids: asList(req.id), unpaged: req.task ? ctx.config.maxPageSize : undefined });
      const models = await ctx.store.models.query({
        ids: asList(req.id),
        tasks: asList(req.task),
        projects: asList(req.project),
        frameworks: asList(req.framework),
        nameRegex: req.name,
        ready: req.ready,
        users: asList(req.user),
        searchText: req.search_text || req._any_?.pattern?.replace(/\\(.)/g, '$1') || undefined,
        tags: tagFilter(req.tags),
        systemTags: tagFilter(req.system_tags),
        orderBy: sortKeys(req.order_by),
        offset: page.offset,
        limit: page.limit,
      });
      return {
        models: models.map((m) => listed(m, req.only_fields)),
        ...(page.scrolling ? { scroll_id: nextScrollId(page.offset, models.length) } : {}),
      };
    },
    { access: 'read' },
  ),
  endpoint('models.edit', async (req, ctx) =>
    ctx.store.transaction(async () => {
      // The project held before the model is locked (see ProjectRepo.hold); refused only when the edit moves it there.
      const held = req.project ? await ctx.store.projects.hold([req.project]) : null;
      const before = await getModelOr400(ctx.store, req.model);
      const { model, fields } = applyEdits(before, req);
      if (model.project !== before.project && model.project && !held?.has(model.project))
        throw errors.invalidProjectId(model.project);
      assertRecordBytes('models.edit', model, ctx.config);
      await ctx.store.models.update(model);
      if (req.iteration !== undefined && model.task) {
        const t = await ctx.store.tasks.get(model.task);
        if (t && req.iteration > t.last_iteration) await ctx.store.tasks.update({ ...t, last_iteration: req.iteration });
      }
      return { updated: 1, fields };
    }),
  ),
  endpoint('models.update', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const { uri: _u, ...rest } = req;
      // The project held before the model is locked (see ProjectRepo.hold); refused only when the edit moves it there.
      const held = req.project ? await ctx.store.projects.hold([req.project]) : null;
      const before = await getModelOr400(ctx.store, req.model);
      const { model, fields } = applyEdits(before, rest);
      if (model.project !== before.project && model.project && !held?.has(model.project))
        throw errors.invalidProjectId(model.project);
      assertRecordBytes('models.update', model, ctx.config);
      await ctx.store.models.update(model);
      return { updated: 1, fields };
    }),
  ),
  endpoint('models.update_for_task', async (req, ctx) =>
    ctx.store.transaction(async () => {
      // The task's project held before the task is locked (see ProjectRepo.hold); a task left in a deleted project
      // gives its new model none.
      const [seen] = await ctx.store.tasks.getMany([req.task]);
      const held = seen?.project ? await ctx.store.projects.hold([seen.project]) : new Set<string>();
      const t = await ctx.store.tasks.get(req.task);
      if (!t) throw errors.invalidTaskId(req.task);
      if (!req.uri && !req.override_model_id) throw errors.validation('Give exactly one of "uri" or "override_model_id"');
      const existingId = req.override_model_id ?? t.models.output[0]?.model;
      const existing = existingId ? await ctx.store.models.get(existingId) : null;
      if (req.override_model_id && !existing) throw errors.invalidModelId(req.override_model_id);
      let model: Model;
      let created = false;
      if (existing) {
        model = applyEdits(existing, {
          uri: req.uri,
          name: req.name,
          comment: req.comment,
          tags: req.tags,
          system_tags: req.system_tags,
        }).model;
        await ctx.store.models.update(model);
      } else {
        const now = isoNow();
        const project = t.project && held.has(t.project) ? t.project : null;
        model = {
          id: newId(),
          name: req.name ?? t.name,
          user: ctx.identity.user,
          company: ctx.identity.company,
          created: now,
          last_update: now,
          task: t.id,
          parent: null,
          project,
          comment: req.comment ?? `Created by task "${t.name}" (${t.id})`,
          tags: req.tags ?? [],
          system_tags: req.system_tags ?? [],
          framework: null,
          design: {},
          labels: {},
          uri: req.uri ?? null,
          ready: t.status === 'published',
        };
        await ctx.store.models.insert(model);
        created = true;
      }
      const output = [...t.models.output.filter((r) => r.model !== model.id), { name: model.name, model: model.id }];
      const next = { ...t, models: { ...t.models, output }, last_update: isoNow() };
      assertRecordBytes('models.update_for_task', next, ctx.config);
      await ctx.store.tasks.update(next);
      return { id: model.id, created, updated: 1, fields: {} };
    }),
  ),
  endpoint('models.set_ready', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await getModelOr400(ctx.store, req.model);
      await ctx.store.models.update({ ...m, ready: true, last_update: isoNow() });
      return { updated: m.ready ? 0 : 1 };
    }),
  ),
  endpoint('models.delete', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await getModelOr400(ctx.store, req.model);
      const users = (await ctx.store.tasks.query({ includeHidden: true, ids: m.task ? [m.task] : [] })).filter((t) =>
        [...t.models.input, ...t.models.output].some((r) => r.model === m.id),
      );
      if (users.length && !req.force) {
        throw errors.modelInUse(
          `Model "${m.name}" (${m.id}) is used by task ${users.map((t) => t.id).join(', ')}; pass force to delete it`,
        );
      }
      await ctx.store.models.delete(m.id);
      await ctx.store.events.deleteForTask(m.id);
      return { deleted: true, url: m.uri };
    }),
  ),
];
