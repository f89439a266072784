import { useEffect, useState, type KeyboardEvent } from 'react';
import type { TaskRow } from '../../api/queries';

interface Options {
  total: number;
  rowAt: (i: number) => TaskRow | undefined;
  onOpen: (t: TaskRow) => void;
  toggle: (t: TaskRow) => void;
  scrollToIndex: (i: number) => void;
  /** The active row goes back to the top when this changes (a new query). */
  resetOn: unknown;
}

/** The active row and the grid's keys: arrows, Page Up/Down, Home/End move; Enter opens; Space selects. */
export function useTableKeyboard({ total, rowAt, onOpen, toggle, scrollToIndex, resetOn }: Options) {
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [resetOn]);

  function onKey(e: KeyboardEvent) {
    if (!total) return;
    // Enter and Space on a control inside the grid (a row's checkbox, a link) are that control's own: the checkbox
    // toggles its row, not the active one.
    if ((e.key === 'Enter' || e.key === ' ') && e.target !== e.currentTarget) return;
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(total - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'PageDown') next = Math.min(total - 1, active + 10);
    else if (e.key === 'PageUp') next = Math.max(0, active - 10);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = total - 1;
    else if (e.key === 'Enter') {
      const r = rowAt(active);
      if (r) onOpen(r);
      return;
    } else if (e.key === ' ') {
      const r = rowAt(active);
      if (r) toggle(r);
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    scrollToIndex(next);
  }
  return { active, setActive, onKey };
}
