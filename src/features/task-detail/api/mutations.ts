import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';

/** Edits fields of a Draft task (name, comment, ...) and refreshes it. */
export function useEditTask(taskId: string) {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fields: Record<string, unknown>) => client.call('tasks.edit', { task: taskId, ...fields }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['task', taskId] }),
  });
}
