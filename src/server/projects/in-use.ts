import { endpoint } from '../http/endpoint';
import { offload } from '../readers/offload';
import type { Store } from '../store/store';
import { namedProjects } from './paths';

/** Values listed at most: a bound on the answer (ClearML lists all). */
export const MAX_VALUES = 10_000;

export interface InUseArgs {
  of: 'task types' | 'task users' | 'model users';
  /** Projects with their sub-projects when asked; undefined: every project. */
  projects: string[] | undefined;
}

/** The distinct task types or users, or model users, under projects: read from their indexes, on a reader thread. */
export function valuesInUse(store: Store, { of, projects }: InUseArgs): Promise<string[]> {
  if (of === 'model users') return store.models.usersInUse(projects, MAX_VALUES);
  return store.tasks.valuesInUse(of === 'task types' ? 'type' : 'user', projects, MAX_VALUES);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const userNameEndpoints = [
  endpoint(
    'projects.get_user_names',
    async (req, ctx) => {
      const projects = await namedProjects(ctx.store, req.projects, req.include_subprojects ?? true);
      const ids = await offload(ctx, 'valuesInUse', { of: req.entity === 'model' ? 'model users' : 'task users', projects });
      const known = new Map((await ctx.store.auth.listUsers()).map((u) => [u.id, u.name]));
      // An id with no user behind it (a task from before users existed) is listed under the id itself.
      return { users: ids.map((id) => ({ id, name: known.get(id) ?? id })).sort(byName) };
    },
    { access: 'read' },
  ),
];
