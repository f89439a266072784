import Link from '@mui/material/Link';
import type { ReactNode } from 'react';

export interface Nav {
  taskHref: (projectId: string | null, taskId: string) => string;
  navigate: (href: string) => void;
}

/** A link to a task that navigates inside the app (and still opens in a new tab with a modifier). */
export function TaskLink({ nav, project, task, children }: { nav: Nav; project: string | null; task: string; children: ReactNode }) {
  const href = nav.taskHref(project, task);
  return (
    <Link
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        nav.navigate(href);
      }}
    >
      {children}
    </Link>
  );
}
