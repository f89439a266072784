import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../client/react';
import { isUnknownId } from '../NotFound';

/**
 * One project by id, hidden ones included: one query for every feature that shows a project (its pages, a task's
 * project link), so they share its cache. A project that does not exist (deleted by someone else while in view) is
 * said by the page in place, "Project not found", or not at all beside a task: not again in the page's notice.
 */
export function useProjectById(id: string | null | undefined) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['project', id],
    enabled: !!id && id !== '*',
    queryFn: async () => (await client.call('projects.get_by_id', { project: id! })).project,
    meta: { quiet: isUnknownId },
  });
}
