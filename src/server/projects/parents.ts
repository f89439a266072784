import type { Store } from '../store/store';
import { endpoint } from '../http/endpoint';
import { assertPattern } from '../name-pattern';
import { offloadAnswer } from '../readers/offload';
import { namedProjects } from './paths';
import { byCodeUnits } from '../../shared/code-units';

/** Parents listed at most: a bound on the answer (ClearML lists all). */
export const MAX_PARENTS = 10_000;

export interface ParentsArgs {
  /** Projects, sub-projects included when asked; undefined: every project. */
  projects: string[] | undefined;
  archived: boolean | undefined;
  /** A pattern the parents' names match (the store's name-pattern semantics). */
  namePattern?: string;
}

const byName = byCodeUnits((p: { name: string }) => p.name);

/** projects.get_task_parents, read on a reader thread: each parent with its project, sorted by name. */
export async function taskParents(store: Store, a: ParentsArgs) {
  const ids = await store.tasks.parentsInUse(a.projects, a.archived, MAX_PARENTS);
  const matches = a.namePattern ? store.patternTest(a.namePattern) : null;
  const parents = (await store.tasks.getMany(ids, { withMetrics: false })).filter((t) => !matches || matches(t.name));
  const names = new Map<string, string>();
  for (const id of new Set(parents.flatMap((t) => (t.project ? [t.project] : [])))) {
    const p = await store.projects.get(id);
    if (p) names.set(id, p.name);
  }
  return {
    parents: parents
      .map((t) => ({
        id: t.id,
        name: t.name,
        project: t.project ? { id: t.project, name: names.get(t.project) ?? '' } : null,
      }))
      .sort(byName),
  };
}

export const parentEndpoints = [
  endpoint(
    'projects.get_task_parents',
    async (req, ctx) => {
      assertPattern(ctx.store, 'task_name', req.task_name);
      const projects = await namedProjects(ctx.store, req.projects, req.include_subprojects ?? true);
      // ClearML's default is the active tasks' parents; null asks for every task's.
      const state = req.tasks_state === undefined ? 'active' : req.tasks_state;
      const archived = state === null ? undefined : state === 'archived';
      return offloadAnswer(ctx, 'taskParents', { projects, archived, namePattern: req.task_name });
    },
    { access: 'read' },
  ),
];
