import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ColumnDef } from '../../columns';

const FLASH_MS = 1600;

/**
 * A column that appears while the table is shown (added from the chooser) is scrolled into view,
 * clear of the pinned columns, and flashes for a moment: added off-screen, it would look like nothing happened.
 */
export function useNewColumn(columns: ColumnDef[], scroller: RefObject<HTMLDivElement | null>, pinnedWidth: number) {
  const seen = useRef<Set<string> | null>(null);
  const [flash, setFlash] = useState<string | undefined>();
  useLayoutEffect(() => {
    const keys = columns.map((c) => c.key);
    const added = seen.current ? keys.filter((k) => !seen.current!.has(k)) : [];
    seen.current = new Set(keys);
    // One at a time is the user adding a column; more is a panel closing or a saved layout coming back.
    const key = added.length === 1 ? added[0] : undefined;
    const el = scroller.current;
    if (!key || !el) return;
    const cell = el.querySelector<HTMLElement>(`[role=columnheader][data-column="${CSS.escape(key)}"]`);
    if (!cell) return;
    const left = cell.offsetLeft;
    const right = left + cell.offsetWidth;
    if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    else if (left < el.scrollLeft + pinnedWidth) el.scrollLeft = Math.max(0, left - pinnedWidth);
    setFlash(key);
  }, [columns, scroller, pinnedWidth]);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(undefined), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);
  return flash;
}
