import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

export function useProjectsList(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['projects-list'],
    enabled,
    queryFn: async () =>
      (
        await client.call('projects.get_all', {
          only_fields: ['name'],
          order_by: ['name'],
        })
      ).projects,
  });
}

/** At most this many children are aborted at once, as ClearML's dialog reads them. */
export const MAX_CHILDREN = 2000;

/** The pending and running children of a controller or optimizer, read while `enabled` (its dialog is open). */
export function useLiveChildren(parent: string, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['live-children', parent],
    enabled,
    staleTime: 0,
    queryFn: async () =>
      (
        await client.call('tasks.get_all', {
          parent: [parent],
          status: ['queued', 'in_progress'],
          search_hidden: true,
          order_by: ['name'],
          page: 0,
          page_size: MAX_CHILDREN,
          only_fields: ['id', 'name', 'status'],
        })
      ).tasks,
  });
}
