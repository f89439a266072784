import { useEffect } from 'react';

/**
 * The window's title while the page is shown: what it shows first, then "Taskdeck" (tabs and history tell pages
 * apart, and a screen reader says where a link led). Back to "Taskdeck" when the page goes.
 */
export function useDocumentTitle(what: string | undefined): void {
  useEffect(() => {
    document.title = what ? `${what} · Taskdeck` : 'Taskdeck';
    return () => {
      document.title = 'Taskdeck';
    };
  }, [what]);
}
