import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, type RefObject } from 'react';
import { PAGE_SIZE, useTaskCount, useTaskPages, type TaskRow } from '../../api/queries';

export const ROW_HEIGHT = 40;

/**
 * Virtualising and paging: only the rows on screen are laid out, and only the pages holding
 * them are fetched. The first page is asked for first, the count once it is in: counting a large
 * project takes longer than reading its first rows, and the rows need not wait for it.
 */
export function useTaskRows(query: Record<string, unknown>, fields: string[], scroller: RefObject<HTMLDivElement | null>) {
  const [head] = useTaskPages(query, fields, [0]);
  // The server answers one query at a time: the count goes after the first rows, not before them.
  const count = useTaskCount(query, head.isFetched || head.isError);
  const counted = count.data !== undefined;
  const total = count.data ?? head.data?.length ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pageIds = useMemo(() => {
    if (!items.length) return [0];
    const out: number[] = [];
    for (let p = Math.floor(items[0].index / PAGE_SIZE); p <= Math.floor(items[items.length - 1].index / PAGE_SIZE); p++)
      out.push(p);
    return out;
  }, [items]);
  const pages = useTaskPages(query, fields, pageIds);
  const rowAt = (i: number): TaskRow | undefined => pages[pageIds.indexOf(Math.floor(i / PAGE_SIZE))]?.data?.[i % PAGE_SIZE];
  return { count, counted, total, virtualizer, items, pages, rowAt };
}
