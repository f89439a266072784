import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

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

/** The tasks checked for something to run before an enqueue: the first of a large selection are enough to warn. */
const RUNNABLE_CHECKED = 500;

/**
 * Which of the tasks give an agent nothing to run: no entry point, or neither a repository nor a diff holding the
 * code (ClearML's enqueue dialog reads the same fields to warn). Read while `enabled` (the dialog is open).
 */
export function useNothingToRun(ids: string[], enabled: boolean) {
  const client = useApiClient();
  const checked = ids.slice(0, RUNNABLE_CHECKED);
  return useQuery({
    queryKey: ['nothing-to-run', checked],
    enabled: enabled && checked.length > 0,
    staleTime: 0,
    queryFn: async () => {
      const { tasks } = await client.call('tasks.get_all', {
        id: checked,
        search_hidden: true,
        page: 0,
        page_size: checked.length,
        only_fields: ['id', 'name', 'script.repository', 'script.entry_point', 'script.diff'],
      });
      return tasks
        .filter((t) => !t.script?.entry_point?.trim() || (!t.script.repository?.trim() && !t.script.diff?.trim()))
        .map((t) => ({ id: t.id, name: t.name }));
    },
  });
}
