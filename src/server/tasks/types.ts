import { endpoint } from '../http/endpoint';
import { offload } from '../readers/offload';
import { namedProjects } from '../projects/paths';

export const typeEndpoints = [
  endpoint(
    'tasks.get_types',
    async (req, ctx) => {
      // As ClearML's: the projects as given, unless sub-projects are asked for (a Taskdeck addition).
      const projects = await namedProjects(ctx.store, req.projects, req.include_subprojects ?? false);
      return { types: await offload(ctx, 'valuesInUse', { of: 'task types', projects }) };
    },
    { access: 'read' },
  ),
];
