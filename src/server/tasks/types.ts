import { endpoint } from '../http/endpoint';
import { offload } from '../readers/offload';
import { expandProjects } from '../projects/paths';

export const typeEndpoints = [
  endpoint(
    'tasks.get_types',
    async (req, ctx) => {
      // As ClearML's: the projects as given, unless sub-projects are asked for (a Taskdeck addition).
      const projects = req.projects?.length
        ? await expandProjects(ctx.store, req.projects, req.include_subprojects ?? false)
        : undefined;
      return { types: await offload(ctx, 'valuesInUse', { of: 'task types', projects }) };
    },
    { access: 'read' },
  ),
];
