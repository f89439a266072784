import type { Theme } from '@mui/material/styles';
import { flashSx } from './layout';
import { ROW_HEIGHT } from './useTaskRows';

/**
 * The rows' and cells' styles, set once on the grid: rows and cells are plain elements with
 * classes, so rendering a page of rows (or scrolling) computes no styles per cell.
 */
export const rowStyles = (th: Theme) => ({
  '& .task-row': {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_HEIGHT,
    display: 'grid',
    alignItems: 'center',
    borderBottom: `1px solid ${th.palette.divider}`,
    cursor: 'pointer',
    fontSize: 13.5,
    '--row-tint': 'transparent',
    backgroundColor: 'var(--row-tint)',
  },
  '& .task-row[data-active=true], & .task-row:hover': { '--row-tint': th.palette.action.hover },
  '& .task-row[aria-selected=true]': { '--row-tint': th.palette.action.selected },
  '& .task-row[aria-current=true]': { boxShadow: `inset 3px 0 0 ${th.palette.primary.main}` },
  '& .task-cell': {
    paddingLeft: th.spacing(1),
    paddingRight: th.spacing(1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    alignSelf: 'stretch',
    lineHeight: `${ROW_HEIGHT - 1}px`,
    ...flashSx,
  },
  '& .task-cell.check': { display: 'flex', justifyContent: 'center', alignItems: 'center', paddingLeft: 0, paddingRight: 0 },
  '& .task-cell[data-pinned]': {
    position: 'sticky',
    zIndex: 1,
    backgroundColor: th.palette.background.paper,
    // The row's hover/selected tint, laid over the opaque background.
    backgroundImage: 'linear-gradient(var(--row-tint), var(--row-tint))',
  },
  '& .task-cell[data-pinned=last]': { boxShadow: `1px 0 0 ${th.palette.divider}` },
  '& .task-check': { width: 16, height: 16, margin: 0, cursor: 'pointer', accentColor: th.palette.primary.main },
});
