import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import Box from '@mui/material/Box';
import type { KeyboardEvent, MouseEvent } from 'react';
import { sortPlace } from './sort-keys';

type Place = ReturnType<typeof sortPlace>;

/**
 * What the header of a sortable column says and does, given the sort's keys in order: `aria-sort` on the first
 * key's header (ARIA wants it on one header), the others their place in words; a click sorts, Shift-click adds the
 * column to the sort; from the keyboard, Enter or Space with or without Shift, on the header itself (not a control
 * inside it). The key stops there, so a grid's own Enter (open the row) does not see it.
 */
export function sortableHeader(
  keys: string[],
  field: string,
  onSort: (field: string, add: boolean) => void,
  /** The row's single tab stop (useHeaderTabStop); without it the header is a tab stop of its own. */
  tabStop?: { tabIndex: number; onFocus: () => void },
) {
  const place = sortPlace(keys, field);
  const direction = place?.desc ? 'descending' : 'ascending';
  // Under several sort keys each sorted header says its place among them.
  const rank = place && keys.length > 1 ? place.rank + 1 : undefined;
  return {
    place,
    rank,
    props: {
      'aria-sort': place?.rank === 0 ? direction : 'none',
      'aria-description': rank ? `sort key ${rank} of ${keys.length}, ${direction}` : undefined,
      'data-sort-rank': rank,
      'data-sort-field': field,
      tabIndex: tabStop?.tabIndex ?? 0,
      onFocus: tabStop?.onFocus,
      onClick: (e: MouseEvent) => onSort(field, e.shiftKey),
      onKeyDown: (e: KeyboardEvent) => {
        if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        e.stopPropagation();
        onSort(field, e.shiftKey);
      },
    } as const,
  };
}

/** The arrow of a sorted column, and its place among several keys as a small number. */
export function SortMark({ place, rank }: { place: Place; rank: number | undefined }) {
  if (!place) return null;
  const Arrow = place.desc ? ArrowDownwardIcon : ArrowUpwardIcon;
  return (
    <>
      <Arrow sx={{ fontSize: 14, flex: 'none', verticalAlign: 'middle' }} />
      {rank && (
        <Box component="span" aria-hidden sx={{ fontSize: 10, flex: 'none', color: 'primary.main' }}>
          {rank}
        </Box>
      )}
    </>
  );
}
