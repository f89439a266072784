import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../client/react';

/**
 * Every project (hidden ones left out) by name, as `{ id, name }`: the choices of a project picker. One query for
 * every feature that offers one (All tasks' Project filter, the move and clone dialogs), so they share its cache. Its key is under `projects`, which every project change invalidates.
 */
export function useProjectList(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['projects', 'list'],
    enabled,
    queryFn: async () =>
      (await client.call('projects.get_all', { only_fields: ['id', 'name'], order_by: ['name'] })).projects.map((p) => ({
        id: p.id,
        name: p.name,
      })),
  });
}
