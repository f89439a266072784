import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useUserNames } from '../../../components/UserName';
import { useProjectNames, type TaskRow } from '../api/queries';
import { moveColumn } from '../columns';
import { nextSort, sortKeysOf } from '../../../components/table/sort-keys';
import { DEFAULT_SORT, queryOf, showsProjects, viewColumns, withFilter, type TableState } from '../table-state';
import { ColumnChooser } from './ColumnChooser';
import { ExportButton } from './ExportButton';
import { TableFilters } from './TableFilters';
import { HeaderRow } from './table/HeaderRow';
import { gridLayout } from './table/layout';
import { rowStyles } from './table/rowStyles';
import { SelectAllMatching } from './table/SelectAllMatching';
import { SelectionBar } from './table/SelectionBar';
import { TaskRowView } from './table/TaskRowView';
import { useNewColumn } from './table/useNewColumn';
import { useSavedLayout } from './table/useSavedLayout';
import { useSelection, type Selection } from './table/useSelection';
import { useTableKeyboard } from './table/useTableKeyboard';
import { useTaskRows } from './table/useTaskRows';

const ALWAYS = ['id', 'name', 'status', 'system_tags', 'project', 'tags', 'type'];

const COMPACT = ['name', 'status'];

export interface TaskTableProps {
  projectId: string;
  state: TableState;
  /** A new view; `replace` when it is not the user's own step (a saved layout coming back). */
  onState: (s: TableState, replace?: boolean) => void;
  onOpen: (t: TaskRow) => void;
  /** The task open beside the table, marked in its row. */
  current?: string;
  /** Only name and status, for a table sharing the page with the task panel. */
  compact?: boolean;
  /** A row's right click (the page opens its actions menu there). */
  onRowMenu?: (t: TaskRow, at: { x: number; y: number }) => void;
  /** What the selection bar shows for the selected rows (compare, actions...). */
  selectionBar?: (selected: TaskRow[], drop: (ids: string[]) => void) => ReactNode;
  /** The selection, when the page holds it (its other actions take tasks out of it); else the table's own. */
  selection?: Selection;
}

/**
 * The task table: server-side filters, sort and paging, virtualized rows (only the pages
 * on screen are fetched), multi-select, keyboard use (arrows, Enter opens, Space selects),
 * and columns that resize, move, and stay pinned through the name on horizontal scroll.
 */
export function TaskTable({
  projectId,
  state,
  onState,
  onOpen,
  current,
  compact,
  onRowMenu,
  selectionBar,
  selection,
}: TaskTableProps) {
  const allColumns = useMemo(() => viewColumns(projectId, state), [projectId, state]);
  // A width being dragged, before it goes into the URL.
  const [live, setLive] = useState<{ key: string; width: number } | null>(null);
  const columns = useMemo(
    () =>
      allColumns
        .filter((c) => !compact || COMPACT.includes(c.key))
        .map((c) => (live?.key === c.key ? { ...c, width: live.width } : c)),
    [allColumns, compact, live],
  );
  const grid = useMemo(() => gridLayout(columns), [columns]);
  const query = useMemo(() => queryOf(projectId, state), [projectId, state]);
  // Fetched fields stay the same in compact mode, so opening the panel does not refetch rows.
  const fields = useMemo(() => [...new Set([...ALWAYS, ...allColumns.flatMap((c) => c.fields)])], [allColumns]);
  const scroller = useRef<HTMLDivElement>(null);
  const { count, counted, total, virtualizer, items, pages, rowAt } = useTaskRows(query, fields, scroller);
  const own = useSelection();
  const { selected, toggle, setAll, clear, drop, fresh } = selection ?? own;
  const { active, setActive, onKey } = useTableKeyboard({
    total,
    rowAt,
    onOpen,
    toggle,
    scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }),
    resetOn: query,
  });
  const userName = useUserNames();
  const projectNames = useProjectNames(showsProjects(projectId, state));
  const ctx = useMemo(
    () => ({ userName, projectName: (id: string | null) => (id ? (projectNames.data?.get(id) ?? '') : '') }),
    [userName, projectNames.data],
  );
  useSavedLayout(projectId, state, onState);
  const pinnedWidth = Math.max(0, ...[...grid.pinned].map(([k, left]) => left + (columns.find((c) => c.key === k)?.width ?? 0)));
  const flash = useNewColumn(columns, scroller, pinnedWidth);

  const sortBy = (field: string, add: boolean) => onState({ ...state, ...nextSort(state, field, add, DEFAULT_SORT) });
  const allLoaded = items.map((it) => rowAt(it.index)).filter((r): r is TaskRow => !!r);
  const allChecked = allLoaded.length > 0 && allLoaded.every((r) => selected.has(r.id));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <TableFilters
            projectId={projectId}
            state={state}
            onChange={onState}
            compact={compact}
            error={count.error ? ((count.error as { detail?: string }).detail ?? count.error.message) : undefined}
          />
        </Box>
        {/* Beside the task panel the table shows name and status only: no room, and no use, for these. */}
        {!compact && <ExportButton query={query} fields={fields} columns={allColumns} total={total} names={ctx} />}
        {!compact && (
          <ColumnChooser
            projectId={projectId}
            cols={state.cols ?? []}
            hide={state.hide ?? []}
            showProject={showsProjects(projectId, state)}
            onChange={(cols) => onState({ ...state, cols: cols.length ? cols : undefined })}
            onHide={(hide) => onState({ ...state, hide: hide.length ? hide : undefined })}
          />
        )}
      </Box>
      {selected.size > 0 && (
        <SelectionBar
          count={selected.size}
          onClear={clear}
          more={
            counted && allChecked && total > selected.size ? (
              <SelectAllMatching query={query} fields={fields} total={total} onRows={(rows) => setAll(rows, true)} />
            ) : undefined
          }
        >
          {selectionBar?.(fresh(pages), drop)}
        </SelectionBar>
      )}
      <Paper variant="outlined" sx={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box
          ref={scroller}
          role="grid"
          aria-label="tasks"
          aria-rowcount={counted ? total : -1}
          tabIndex={0}
          onKeyDown={onKey}
          sx={(th) => ({
            flex: 1,
            overflow: 'auto',
            outline: 'none',
            '&:focus-visible [data-active=true]': {
              outline: '2px solid',
              outlineColor: th.palette.primary.main,
              outlineOffset: -2,
            },
            ...rowStyles(th),
          })}
        >
          <HeaderRow
            columns={columns}
            grid={grid}
            sort={sortKeysOf(state, DEFAULT_SORT)}
            onSort={sortBy}
            allChecked={allChecked}
            onCheckAll={(on) => setAll(allLoaded, on)}
            onResize={(key, width, done) => {
              if (!done) return setLive({ key, width });
              setLive(null);
              onState({ ...state, w: { ...state.w, [key]: width } });
            }}
            onMove={(from, to) => {
              // The whole order is kept, compact or not, so a move beside the panel does not lose the rest.
              const keys = allColumns.map((c) => c.key);
              onState({ ...state, order: moveColumn(keys, from, to) });
            }}
            ranges={state.range}
            vals={state.vals}
            view={{ projectId, deep: !!state.deep }}
            onRange={(key, v) => onState(withFilter(state, 'range', key, v))}
            onVals={(key, v) => onState(withFilter(state, 'vals', key, v))}
            flash={flash}
          />
          <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: grid.width }}>
            {items.map((it) => {
              const t = rowAt(it.index);
              return (
                <TaskRowView
                  key={it.key}
                  index={it.index}
                  start={it.start}
                  task={t}
                  columns={columns}
                  grid={grid}
                  selected={!!t && selected.has(t.id)}
                  active={it.index === active}
                  current={!!t && t.id === current}
                  ctx={ctx}
                  flash={flash}
                  onActivate={setActive}
                  onOpen={onOpen}
                  onToggle={toggle}
                  onRowMenu={onRowMenu}
                />
              );
            })}
          </Box>
          {count.isSuccess && total === 0 && (
            <Typography color="text.secondary" sx={{ p: 4, textAlign: 'center' }} role="status">
              No tasks match this view.
            </Typography>
          )}
        </Box>
        <Box
          sx={{ px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', fontSize: 12, color: 'text.secondary' }}
          role="status"
          aria-label="task count"
        >
          {counted
            ? `${total.toLocaleString()} ${total === 1 ? 'task' : 'tasks'}`
            : count.isError
              ? 'No count: the view was refused'
              : 'Counting tasks…'}
        </Box>
      </Paper>
    </Box>
  );
}
