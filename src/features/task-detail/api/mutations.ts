import type { RequestOf } from '../../../shared/api/contract';
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
/** The task endpoints the detail page edits with. */
type TaskEndpoint =
  | 'tasks.edit'
  | 'tasks.update'
  | 'tasks.edit_configuration'
  | 'tasks.delete_configuration'
  | 'tasks.edit_hyper_params'
  | 'tasks.delete_hyper_params';

export function useTaskCall<E extends TaskEndpoint>(taskId: string, endpoint: E) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    // TypeScript cannot see that {task} plus the rest of E's body is E's body while E is open.
    mutationFn: (body: Omit<RequestOf<E>, 'task'>) => client.call(endpoint, { task: taskId, ...body } as RequestOf<E>),
    onSettled: () => qc.invalidateQueries({ queryKey: ['task', taskId] }),
  });
}
