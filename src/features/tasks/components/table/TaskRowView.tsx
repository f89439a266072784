import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import type { TaskRow } from '../../api/queries';
import type { ColumnDef } from '../../columns';
import { cellOf, type CellContext } from '../cells';
import { flashSx, pinnedSx, type GridLayout } from './layout';
import { ROW_HEIGHT } from './useTaskRows';

interface Props {
  /** The row's place in the whole result, and its offset in the scroller. */
  index: number;
  start: number;
  /** Not loaded yet: a placeholder row. */
  task: TaskRow | undefined;
  columns: ColumnDef[];
  grid: GridLayout;
  selected: boolean;
  active: boolean;
  current: boolean;
  ctx: CellContext;
  flash?: string;
  onActivate: () => void;
  onOpen: (t: TaskRow) => void;
  onToggle: (t: TaskRow) => void;
  onRowMenu?: (t: TaskRow, at: { x: number; y: number }) => void;
}

/** One virtualized row of the task table. */
export function TaskRowView({
  index,
  start,
  task: t,
  columns,
  grid,
  selected,
  active,
  current,
  ctx,
  flash,
  onActivate,
  onOpen,
  onToggle,
  onRowMenu,
}: Props) {
  const lastPinned = [...grid.pinned.keys()].at(-1);
  return (
    <Box
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-active={active}
      data-task={t?.id}
      aria-current={current ? 'true' : undefined}
      onClick={() => {
        onActivate();
        if (t) onOpen(t);
      }}
      onContextMenu={(e) => {
        if (!t || !onRowMenu) return;
        e.preventDefault();
        onActivate();
        onRowMenu(t, { x: e.clientX, y: e.clientY });
      }}
      sx={(th) => ({
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: grid.template,
        alignItems: 'center',
        borderBottom: 1,
        borderColor: 'divider',
        cursor: 'pointer',
        '--row-tint': selected ? th.palette.action.selected : active ? th.palette.action.hover : 'transparent',
        bgcolor: 'var(--row-tint)',
        boxShadow: current ? `inset 3px 0 0 ${th.palette.primary.main}` : undefined,
        '&:hover': { '--row-tint': selected ? th.palette.action.selected : th.palette.action.hover },
        fontSize: 13.5,
      })}
    >
      <Box
        role="gridcell"
        sx={{ display: 'flex', justifyContent: 'center', alignSelf: 'stretch', alignItems: 'center', ...pinnedSx(0, false) }}
        onClick={(e) => e.stopPropagation()}
      >
        {t && (
          <Checkbox
            size="small"
            checked={selected}
            onChange={() => onToggle(t)}
            slotProps={{ input: { 'aria-label': `select ${t.name}` } }}
          />
        )}
      </Box>
      {columns.map((c) => (
        <Box
          key={c.key}
          role="gridcell"
          data-column={c.key}
          data-flash={flash === c.key || undefined}
          sx={{
            px: 1,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            alignSelf: 'stretch',
            lineHeight: `${ROW_HEIGHT - 1}px`,
            ...pinnedSx(grid.pinned.get(c.key), c.key === lastPinned),
            ...flashSx,
          }}
        >
          {t ? (
            cellOf(c, t, ctx)
          ) : c.key === 'name' ? (
            <Box component="span" sx={{ color: 'text.disabled' }}>
              …
            </Box>
          ) : null}
        </Box>
      ))}
      <Box />
    </Box>
  );
}
