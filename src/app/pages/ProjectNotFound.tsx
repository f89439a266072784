import { useNavigate } from '@tanstack/react-router';
import { NotFound } from '../../components/NotFound';

/** A project page whose id names no project: says so, with the way back to every project. */
export function ProjectNotFound({ projectId }: { projectId: string }) {
  const navigate = useNavigate();
  return (
    <NotFound
      title="Project not found"
      detail={`No project has the id ${projectId.slice(0, 64)}. It may have been deleted, or the link is wrong.`}
      back={{ label: 'All projects', href: '/projects', navigate: (to) => void navigate({ to }) }}
    />
  );
}
