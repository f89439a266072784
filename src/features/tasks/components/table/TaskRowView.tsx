import Box from '@mui/material/Box';
import { memo } from 'react';
import type { TaskRow } from '../../api/queries';
import type { ColumnDef } from '../../columns';
import { cellOf, type CellContext } from '../cells';
import type { GridLayout } from './layout';

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
  onActivate: (index: number) => void;
  onOpen: (t: TaskRow) => void;
  onToggle: (t: TaskRow) => void;
  onRowMenu?: (t: TaskRow, at: { x: number; y: number }) => void;
}

/** One virtualized row of the task table (styled by the grid's `rowStyles`). */
export const TaskRowView = memo(function TaskRowView({
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
    <div
      role="row"
      className="task-row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-active={active}
      data-task={t?.id}
      aria-current={current ? 'true' : undefined}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: grid.template }}
      onClick={() => {
        onActivate(index);
        if (t) onOpen(t);
      }}
      onContextMenu={(e) => {
        if (!t || !onRowMenu) return;
        e.preventDefault();
        onActivate(index);
        onRowMenu(t, { x: e.clientX, y: e.clientY });
      }}
    >
      <div role="gridcell" className="task-cell check" data-pinned="" style={{ left: 0 }} onClick={(e) => e.stopPropagation()}>
        {t && (
          <input
            type="checkbox"
            className="task-check"
            checked={selected}
            onChange={() => onToggle(t)}
            aria-label={`select ${t.name}`}
          />
        )}
      </div>
      {columns.map((c) => {
        const left = grid.pinned.get(c.key);
        return (
          <div
            key={c.key}
            role="gridcell"
            className="task-cell"
            data-column={c.key}
            data-flash={flash === c.key || undefined}
            data-pinned={left === undefined ? undefined : c.key === lastPinned ? 'last' : ''}
            style={left === undefined ? undefined : { left }}
          >
            {t ? (
              cellOf(c, t, ctx)
            ) : c.key === 'name' ? (
              <Box component="span" sx={{ color: 'text.disabled' }}>
                …
              </Box>
            ) : null}
          </div>
        );
      })}
      <div />
    </div>
  );
});
