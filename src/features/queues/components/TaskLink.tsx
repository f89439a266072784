import type { ReactNode } from 'react';
import { AppLink } from '../../../components/AppLink';

export interface Nav {
  taskHref: (projectId: string | null, taskId: string) => string;
  navigate: (href: string) => void;
}

export function TaskLink({
  nav,
  project,
  task,
  children,
}: {
  nav: Nav;
  project: string | null;
  task: string;
  children: ReactNode;
}) {
  return (
    <AppLink href={nav.taskHref(project, task)} navigate={nav.navigate}>
      {children}
    </AppLink>
  );
}
