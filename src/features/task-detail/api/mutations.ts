import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

/** Edits fields of a Draft task (name, comment, script, ...) and refreshes it. */
export function useEditTask(taskId: string) {
  return useTaskCall(taskId, 'tasks.edit');
}

/** Name, description and tags: `tasks.update`, which the server takes in any state (as ClearML's does). */
export function useUpdateTask(taskId: string) {
  return useTaskCall(taskId, 'tasks.update');
}

/**
 * Calls a task endpoint with `{task, ...body}` and re-reads the task afterwards, whether
 * the server took the change or refused it (so the page shows what the store holds).
 */
export function useTaskCall(taskId: string, endpoint: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => client.call(endpoint, { task: taskId, ...body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['task', taskId] }),
  });
}
