import { keyframes } from '@emotion/react';
import type { ColumnDef } from '../../columns';

/** Width of the selection checkbox column. */
export const CHECK_WIDTH = 40;

export interface GridLayout {
  template: string;
  /** Checkbox plus every column: rows are this wide, so their lines reach the end of the scroll. */
  width: number;
  /** Left offsets of the columns pinned on horizontal scroll (from the first one through the name), by key. */
  pinned: Map<string, number>;
}

/** The grid of the header and the rows: fixed widths, then a filler to the right edge. */
export function gridLayout(columns: ColumnDef[]): GridLayout {
  const nameAt = columns.findIndex((c) => c.key === 'name');
  const pinned = new Map<string, number>();
  let left = CHECK_WIDTH;
  columns.forEach((c, i) => {
    if (i <= nameAt) pinned.set(c.key, left);
    left += c.width;
  });
  return { template: `${CHECK_WIDTH}px ${columns.map((c) => `${c.width}px`).join(' ')} 1fr`, width: left, pinned };
}

/** Styles of a pinned cell: stays at its left offset, opaque, over the cells scrolling under it. */
export function pinnedSx(left: number | undefined, last: boolean) {
  if (left === undefined) return {};
  return {
    position: 'sticky',
    left,
    zIndex: 1,
    bgcolor: 'background.paper',
    // The row's hover/selected tint, laid over the opaque background.
    backgroundImage: 'linear-gradient(var(--row-tint, transparent), var(--row-tint, transparent))',
    ...(last ? { boxShadow: (t: { palette: { divider: string } }) => `1px 0 0 ${t.palette.divider}` } : {}),
  } as const;
}

const flashFrames = keyframes`
  from { background-color: rgba(25, 118, 210, 0.35); }
  to { background-color: transparent; }
`;

/** A just-added column's cells light up, then fade. */
export const flashSx = { '&[data-flash]': { animation: `${flashFrames} 1.6s ease-out` } };
