import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

export function useQueues(enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['queues'],
    enabled,
    queryFn: async () => {
      // get_all_ex also says which workers serve each queue.
      const [all, def] = await Promise.all([
        client.call('queues.get_all_ex', {}),
        client.call('queues.get_default').catch(() => null),
      ]);
      return { queues: all.queues, defaultId: def?.id ?? null };
    },
  });
}

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
