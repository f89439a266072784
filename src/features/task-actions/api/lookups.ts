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
