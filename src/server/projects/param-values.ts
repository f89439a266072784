import { ignoringCase } from '../../shared/regex';
import { endpoint } from '../http/endpoint';
import { assertPattern } from '../name-pattern';
import { offloadAnswer } from '../readers/offload';
import type { Store } from '../store/store';
import { namedProjects } from './paths';

export interface ParamValuesArgs {
  section: string;
  name: string;
  /** Projects with their sub-projects when asked; undefined: every project. */
  projects: string[] | undefined;
  offset: number;
  limit: number;
  pattern?: string;
}

/** One hyperparameter's distinct values (as kept: their first 200 characters), a page in order, and their total. */
export function hyperparamValues(store: Store, a: ParamValuesArgs) {
  return store.tasks.paramValues(
    { section: a.section, name: a.name },
    a.projects,
    { offset: a.offset, limit: a.limit },
    a.pattern,
  );
}

export const paramValueEndpoints = [
  endpoint(
    'projects.get_hyperparam_values',
    async (req, ctx) => {
      assertPattern(ctx.store, 'pattern', req.pattern);
      const projects = await namedProjects(ctx.store, req.projects, req.include_subprojects ?? true);
      const limit = req.page_size ?? 500;
      return offloadAnswer(ctx, 'hyperparamValues', {
        section: req.section,
        name: req.name,
        projects,
        offset: (req.page ?? 0) * limit,
        limit,
        // Case ignored, as clearml-server matches values (name filters keep case).
        pattern: req.pattern ? ignoringCase(req.pattern) : undefined,
      });
    },
    { access: 'read' },
  ),
];
