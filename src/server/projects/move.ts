import type { Project } from '../../shared/api/records';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { descendants, ensureProject, getProjectOr400, normalizeName } from './paths';

const parentPath = (name: string) => name.split('/').slice(0, -1).join('/');

/**
 * Gives the project a new full path, its sub-projects following, and the parent that path names (created
 * when missing). A path at or under the project itself is refused, as ClearML refuses it (the project would be
 * its own ancestor). Returns how many projects moved.
 */
export async function relocate(ctx: RequestContext, p: Project, name: string, fields: Partial<Project> = {}): Promise<number> {
  if (name === p.name || name.startsWith(p.name + '/')) throw errors.projectUnderItself(p.name, parentPath(name));
  if (await ctx.store.projects.getByName(name)) throw errors.projectExists(name);
  const parent = parentPath(name);
  const subs = await descendants(ctx.store, p);
  const now = isoNow();
  for (const d of subs) await ctx.store.projects.update({ ...d, name: name + d.name.slice(p.name.length), last_update: now });
  await ctx.store.projects.update({
    ...p,
    ...fields,
    name,
    basename: name.split('/').pop()!,
    parent: parent ? (await ensureProject(ctx.store, ctx.identity, parent)).project.id : null,
    last_update: now,
  });
  return 1 + subs.length;
}

export const moveEndpoints = [
  endpoint('projects.move', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const p = await getProjectOr400(ctx.store, req.project);
      const location = normalizeName(req.new_location ?? '');
      if (location === parentPath(p.name)) throw errors.projectSameLocation(location);
      const moved = await relocate(ctx, p, location ? `${location}/${p.basename}` : p.basename);
      return { moved };
    }),
  ),
];
