import { useState, type KeyboardEvent } from 'react';

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * One tab stop for a row of sortable headers, as ARIA's grid pattern has it: the header focused last (the first one
 * at the start) takes Tab, and Left, Right, Home and End move between the headers. Without it every header was a tab
 * stop of its own (a table of twelve columns took twelve presses of Tab to cross). `onKeyDown` goes on the row.
 */
export function useHeaderTabStop(fields: string[]) {
  const [stop, setStop] = useState<string | null>(null);
  const current = stop !== null && fields.includes(stop) ? stop : fields[0];
  return {
    /** The props a sortable header adds: its tab index and the focus that makes it the stop. */
    of: (field: string) => ({ tabIndex: field === current ? 0 : -1, onFocus: () => setStop(field) }),
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (!MOVES.has(e.key)) return;
      const headers = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-sort-field]')];
      const at = headers.indexOf(document.activeElement as HTMLElement);
      // Only from a header itself: a control inside one (a filter button) keeps its own keys.
      if (at < 0) return;
      e.preventDefault();
      e.stopPropagation();
      const to = e.key === 'Home' ? 0 : e.key === 'End' ? headers.length - 1 : at + (e.key === 'ArrowRight' ? 1 : -1);
      headers[Math.max(0, Math.min(headers.length - 1, to))].focus();
    },
  };
}
