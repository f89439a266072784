import type { RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';

/**
 * Events belong to a task, or with `model_events: true` to a model (ClearML's model view):
 * both kinds are stored under the owner's id, which is unique across tasks and models.
 */
export async function assertEventOwner(
  ctx: Pick<RequestContext, 'store'>,
  id: string,
  modelEvents: boolean | null | undefined,
): Promise<void> {
  if (modelEvents) {
    if (!(await ctx.store.models.get(id))) throw errors.invalidModelId(id);
  } else if (!(await ctx.store.tasks.get(id))) {
    throw errors.invalidTaskId(id);
  }
}

/** Checks many owners at once; returns each one's display name. */
export async function eventOwnerNames(
  ctx: Pick<RequestContext, 'store'>,
  ids: string[],
  modelEvents: boolean | null | undefined,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (modelEvents) {
    for (const id of ids) {
      const m = await ctx.store.models.get(id);
      if (!m) throw errors.invalidModelId(id);
      names.set(id, m.name);
    }
    return names;
  }
  for (const t of await ctx.store.tasks.getMany(ids, { withMetrics: false })) names.set(t.id, t.name);
  for (const id of ids) if (!names.has(id)) throw errors.invalidTaskId(id);
  return names;
}
