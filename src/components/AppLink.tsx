import Link from '@mui/material/Link';
import type { ReactNode } from 'react';

/** A link that navigates inside the app, and still opens a new tab with a modifier key or middle click. */
export function AppLink({ href, navigate, children }: { href: string; navigate: (href: string) => void; children: ReactNode }) {
  return (
    <Link
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </Link>
  );
}
