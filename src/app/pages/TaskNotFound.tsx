import { NotFound } from '../../components/NotFound';

/** What a task's page or panel shows when its id names no task, with the way back the caller gives. */
export function TaskNotFound({
  taskId,
  back,
}: {
  taskId: string;
  back: { label: string; href: string; navigate: (href: string) => void };
}) {
  return (
    <NotFound
      title="Task not found"
      // The id comes from the URL: shown capped.
      detail={`No task has the id ${taskId.slice(0, 64)}. It may have been deleted, or the link is wrong.`}
      back={back}
    />
  );
}
