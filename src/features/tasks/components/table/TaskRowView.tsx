import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import type { TaskRow } from '../../api/queries';
import type { ColumnDef } from '../../table-state';
import { cellOf } from '../cells';
import { ROW_HEIGHT } from './useTaskRows';

interface Props {
  /** The row's place in the whole result, and its offset in the scroller. */
  index: number;
  start: number;
  /** Not loaded yet: a placeholder row. */
  task: TaskRow | undefined;
  columns: ColumnDef[];
  template: string;
  selected: boolean;
  active: boolean;
  current: boolean;
  userName: (id: string) => string;
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
  template,
  selected,
  active,
  current,
  userName,
  onActivate,
  onOpen,
  onToggle,
  onRowMenu,
}: Props) {
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
      sx={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
        display: 'grid',
        gridTemplateColumns: template,
        alignItems: 'center',
        borderBottom: 1,
        borderColor: 'divider',
        cursor: 'pointer',
        bgcolor: selected ? 'action.selected' : active ? 'action.hover' : undefined,
        boxShadow: current ? (th) => `inset 3px 0 0 ${th.palette.primary.main}` : undefined,
        '&:hover': { bgcolor: 'action.hover' },
        fontSize: 13.5,
      }}
    >
      <Box role="gridcell" sx={{ display: 'flex', justifyContent: 'center' }} onClick={(e) => e.stopPropagation()}>
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
        <Box key={c.key} role="gridcell" sx={{ px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {t ? (
            cellOf(c, t, userName)
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
