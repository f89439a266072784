import type { Model, Project, Task } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { removeStoredFiles } from '../files/cleanup';
import { deleteModel, deleteTasks } from '../tasks/outputs';
import { inBatches } from '../batches';
import { descendants, getProjectOr400 } from './paths';
import { Touched } from '../live/touched';

interface Tally {
  disassociated: number;
  deletedTasks: number;
  deletedModels: number;
  urls: string[];
  touched: Touched;
}

/** One batch of the projects' tasks: deleted with their outputs (as tasks.delete does), or out of the projects. */
async function clearTasks(ctx: RequestContext, projects: Set<string>, batch: Task[], contents: boolean, n: Tally) {
  const ids = batch.map((t) => t.id);
  // Locked (on PostgreSQL, in id order) and read again inside the transaction: one may have moved since the listing.
  await ctx.store.tasks.statuses(ids);
  const still = (await ctx.store.tasks.query({ ids, includeHidden: true, withMetrics: false })).filter(
    (t) => t.project && projects.has(t.project),
  );
  for (const t of still) n.touched.add('task', t.id);
  if (contents) {
    const dropped = await deleteTasks(ctx.store, still);
    n.urls.push(...dropped.urls);
    n.deletedModels += dropped.deletedModels;
    n.deletedTasks += still.length;
    return;
  }
  for (const t of still) await ctx.store.tasks.update({ ...t, project: null });
  n.disassociated += still.length;
}

async function clearModels(ctx: RequestContext, projects: Set<string>, batch: Model[], contents: boolean, n: Tally) {
  for (const listed of batch) {
    const m = await ctx.store.models.get(listed.id);
    if (!m?.project || !projects.has(m.project)) continue;
    n.touched.add('model', m.id);
    if (contents) {
      await deleteModel(ctx.store, m, n.urls);
      n.deletedModels++;
    } else await ctx.store.models.update({ ...m, project: null });
  }
}

/**
 * Passes over the projects' contents before what still arrives in them is cleared under their locks. A pass clears
 * in batches without holding the projects; a task created in one meanwhile is found by the check that ends the pass.
 */
const PASSES = 5;

/**
 * The ids of the project and its sub-projects, the project first; null when it is gone. In a transaction each is
 * locked (`get`: on PostgreSQL for update), in name order (a parent before its children, as holders take them). A
 * task or model stored in one through another server holds it until stored (holdProjectsOr400), so once they are
 * locked what they hold is all they will hold. A project moved in under a sub-project meanwhile (its move held that
 * sub-project, not this one) is found by reading the sub-projects again once they are locked, until none is new.
 */
async function projectTree(ctx: RequestContext, id: string): Promise<string[] | null> {
  const root = await ctx.store.projects.get(id);
  if (!root) return null;
  const locked = new Set<string>([root.id]);
  for (;;) {
    const fresh = (await descendants(ctx.store, root)).filter((s) => !locked.has(s.id));
    if (!fresh.length) return [...locked];
    fresh.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const s of fresh) {
      await ctx.store.projects.get(s.id);
      locked.add(s.id);
    }
  }
}

async function holds(ctx: RequestContext, ids: string[]) {
  const tasks = await ctx.store.tasks.count({ projects: ids, includeHidden: true });
  const models = await ctx.store.models.countInProjects(ids);
  return { tasks, models };
}

function notEmpty(p: Project, subs: number, { tasks, models }: { tasks: number; models: number }) {
  return errors.projectHasTasks(
    `Project "${p.name}" is not empty: it holds ${tasks} task(s) and ${models} model(s)` +
      `${subs ? ` in it and its ${subs} sub-project(s)` : ''}. Delete or move them first, or pass force`,
  );
}

async function clearContents(ctx: RequestContext, ids: string[], contents: boolean, n: Tally) {
  const projects = new Set(ids);
  // A batch at a time (see inBatches): a task re-read in its transaction is skipped if it moved meanwhile.
  await inBatches(
    ctx,
    (limit) => ctx.store.tasks.query({ projects: ids, includeHidden: true, limit }),
    (batch) => clearTasks(ctx, projects, batch, contents, n),
  );
  await inBatches(
    ctx,
    (limit) => ctx.store.models.query({ projects: ids, limit }),
    (batch) => clearModels(ctx, projects, batch, contents, n),
  );
}

export const deleteEndpoints = [
  endpoint('projects.delete', async (req, ctx) => {
    const root = await ctx.store.transaction(async () => {
      const p = await getProjectOr400(ctx.store, req.project);
      const subs = await descendants(ctx.store, p);
      const found = await holds(ctx, [p.id, ...subs.map((s) => s.id)]);
      if ((found.tasks || found.models) && !req.force) throw notEmpty(p, subs.length, found);
      return p;
    });
    const contents = !!req.delete_contents;
    const n: Tally = { disassociated: 0, deletedTasks: 0, deletedModels: 0, urls: [], touched: new Touched() };
    let deleted: string[] | null = null;
    // Announced even when the delete stops part way: what it deleted is gone.
    try {
      for (let pass = 1; !deleted; pass++) {
        // Without force there is nothing to clear: what arrived since the check is refused below, with nothing changed.
        const now = req.force ? await projectTree(ctx, root.id) : null;
        if (now) await clearContents(ctx, now, contents, n);
        deleted = await ctx.store.transaction(async () => {
          const ids = await projectTree(ctx, root.id);
          if (!ids) return [];
          const left = await holds(ctx, ids);
          if (left.tasks || left.models) {
            if (!req.force) throw notEmpty(root, ids.length - 1, left);
            if (pass < PASSES) return null;
            await clearContents(ctx, ids, contents, n);
          }
          for (const id of ids) await ctx.store.projects.delete(id);
          return ids;
        });
      }
    } finally {
      ctx.runtime.live.publish(n.touched.list());
    }
    const deletedFiles = await removeStoredFiles(ctx.config, n.urls);
    return {
      deleted: deleted.length,
      disassociated_tasks: n.disassociated,
      deleted_tasks: n.deletedTasks,
      deleted_models: n.deletedModels,
      deleted_files: deletedFiles,
    };
  }),
];
