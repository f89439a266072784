import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, type RefObject } from 'react';
import { PAGE_SIZE, useTaskCount, useTaskPages, type TaskRow } from '../../api/queries';

export const ROW_HEIGHT = 40;

/**
 * Virtualising and paging: only the rows on screen are laid out, and only the pages holding
 * them are fetched.
 */
export function useTaskRows(query: Record<string, unknown>, fields: string[], scroller: RefObject<HTMLDivElement | null>) {
  const count = useTaskCount(query);
  const total = count.data ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pageIds = useMemo(() => {
    if (!items.length) return total ? [0] : [];
    const out: number[] = [];
    for (let p = Math.floor(items[0].index / PAGE_SIZE); p <= Math.floor(items[items.length - 1].index / PAGE_SIZE); p++)
      out.push(p);
    return out;
  }, [items, total]);
  const pages = useTaskPages(query, fields, pageIds);
  const rowAt = (i: number): TaskRow | undefined => pages[pageIds.indexOf(Math.floor(i / PAGE_SIZE))]?.data?.[i % PAGE_SIZE];
  return { count, total, virtualizer, items, pages, rowAt };
}
