import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useUserNames } from '../../../components/UserName';
import { PAGE_SIZE, useTaskCount, useTaskPages, type TaskRow } from '../api/queries';
import { columnsOf, queryOf, type TableState } from '../table-state';
import { cellOf } from './cells';
import { ColumnChooser } from './ColumnChooser';
import { ExportButton } from './ExportButton';
import { TableFilters } from './TableFilters';

const ROW = 40;
const ALWAYS = ['id', 'name', 'status', 'system_tags', 'project', 'tags', 'type'];

const COMPACT = ['name', 'status'];

export interface TaskTableProps {
  projectId: string;
  state: TableState;
  onState: (s: TableState) => void;
  onOpen: (t: TaskRow) => void;
  /** The task open beside the table, marked in its row. */
  current?: string;
  /** Only name and status, for a table sharing the page with the task panel. */
  compact?: boolean;
  /** A row's right click (the page opens its actions menu there). */
  onRowMenu?: (t: TaskRow, at: { x: number; y: number }) => void;
  /** What the selection bar shows for the selected rows (compare, actions...). */
  selectionBar?: (selected: TaskRow[], clear: () => void) => ReactNode;
}

/**
 * The task table: server-side filters, sort and paging, virtualized rows (only the pages
 * on screen are fetched), multi-select, and keyboard use (arrows, Enter opens, Space selects).
 */
export function TaskTable({ projectId, state, onState, onOpen, current, compact, onRowMenu, selectionBar }: TaskTableProps) {
  const allColumns = useMemo(() => columnsOf(state), [state]);
  const columns = useMemo(() => allColumns.filter((c) => !compact || COMPACT.includes(c.key)), [allColumns, compact]);
  const query = useMemo(() => queryOf(projectId, state), [projectId, state]);
  // Fetched fields stay the same in compact mode, so opening the panel does not refetch rows.
  const fields = useMemo(() => [...new Set([...ALWAYS, ...allColumns.flatMap((c) => c.fields)])], [allColumns]);
  const count = useTaskCount(query);
  const total = count.data ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const pageIds = useMemo(() => {
    if (!items.length) return total ? [0] : [];
    const out: number[] = [];
    for (let p = Math.floor(items[0].index / PAGE_SIZE); p <= Math.floor(items[items.length - 1].index / PAGE_SIZE); p++) out.push(p);
    return out;
  }, [items, total]);
  const pages = useTaskPages(query, fields, pageIds);
  const rowAt = (i: number): TaskRow | undefined => pages[pageIds.indexOf(Math.floor(i / PAGE_SIZE))]?.data?.[i % PAGE_SIZE];
  const [selected, setSelected] = useState<Map<string, TaskRow>>(new Map());
  const [active, setActive] = useState(0);
  const userName = useUserNames();

  useEffect(() => setActive(0), [query]);

  const toggle = (t: TaskRow) => {
    const next = new Map(selected);
    if (next.has(t.id)) next.delete(t.id);
    else next.set(t.id, t);
    setSelected(next);
  };
  // Keep the selection's rows fresh as pages refresh (statuses change).
  const selectedRows = [...selected.values()].map((s) => {
    for (const p of pages) for (const r of p.data ?? []) if (r.id === s.id) return r;
    return s;
  });

  function onKey(e: KeyboardEvent) {
    if (!total) return;
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(total - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'PageDown') next = Math.min(total - 1, active + 10);
    else if (e.key === 'PageUp') next = Math.max(0, active - 10);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = total - 1;
    else if (e.key === 'Enter') {
      const r = rowAt(active);
      if (r) onOpen(r);
      return;
    } else if (e.key === ' ') {
      const r = rowAt(active);
      if (r) toggle(r);
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  const sortIcon = (field: string) =>
    state.sort === field ? <ArrowUpwardIcon sx={{ fontSize: 14 }} /> : (state.sort ?? '-last_update') === `-${field}` ? <ArrowDownwardIcon sx={{ fontSize: 14 }} /> : null;
  const sortBy = (field: string) => onState({ ...state, sort: state.sort === field ? `-${field}` : field });
  const template = `44px ${columns.map((c) => `${c.width}px`).join(' ')} 1fr`;
  const allLoaded = items.map((it) => rowAt(it.index)).filter((r): r is TaskRow => !!r);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1 }}>
          <TableFilters projectId={projectId} state={state} onChange={onState} />
        </Box>
        {/* Beside the task panel the table shows name and status only: no room, and no use, for these. */}
        {!compact && <ExportButton query={query} fields={fields} columns={allColumns} total={total} />}
        {!compact && <ColumnChooser
          projectId={projectId}
          cols={state.cols ?? []}
          hide={state.hide ?? []}
          onChange={(cols) => onState({ ...state, cols: cols.length ? cols : undefined })}
          onHide={(hide) => onState({ ...state, hide: hide.length ? hide : undefined })}
        />}
      </Box>
      {selected.size > 0 && (
        <Paper variant="outlined" sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 0.5, mb: 1, bgcolor: 'action.selected' }} role="region" aria-label="selection">
          <IconButton size="small" aria-label="clear selection" onClick={() => setSelected(new Map())}><CloseIcon fontSize="small" /></IconButton>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>{selected.size} selected</Typography>
          <Box sx={{ flex: 1 }} />
          {selectionBar?.(selectedRows, () => setSelected(new Map()))}
        </Paper>
      )}
      <Paper variant="outlined" sx={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box
          ref={scroller}
          role="grid"
          aria-label="tasks"
          aria-rowcount={total}
          tabIndex={0}
          onKeyDown={onKey}
          sx={{ flex: 1, overflow: 'auto', outline: 'none', '&:focus-visible [data-active=true]': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
        >
          <Box role="row" sx={{ display: 'grid', gridTemplateColumns: template, position: 'sticky', top: 0, zIndex: 2, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider', minWidth: 'fit-content' }}>
            <Box role="columnheader" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
              <Checkbox
                size="small"
                slotProps={{ input: { 'aria-label': 'select visible rows' } }}
                checked={allLoaded.length > 0 && allLoaded.every((r) => selected.has(r.id))}
                onChange={(e) => {
                  const next = new Map(selected);
                  for (const r of allLoaded) {
                    if (e.target.checked) next.set(r.id, r);
                    else next.delete(r.id);
                  }
                  setSelected(next);
                }}
              />
            </Box>
            {columns.map((c) => (
              <Box
                key={c.key}
                role="columnheader"
                aria-sort={state.sort === c.sortField ? 'ascending' : (state.sort ?? '-last_update') === `-${c.sortField}` ? 'descending' : 'none'}
                onClick={() => sortBy(c.sortField)}
                data-column={c.key}
                sx={{ px: 1, py: 1.2, fontSize: 12.5, fontWeight: 600, color: 'text.secondary', cursor: 'pointer', userSelect: 'none', display: 'flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap', overflow: 'hidden', textTransform: 'uppercase', letterSpacing: 0.3 }}
              >
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.label}</span>
                {sortIcon(c.sortField)}
              </Box>
            ))}
            <Box />
          </Box>
          <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: 'fit-content' }}>
            {items.map((it) => {
              const t = rowAt(it.index);
              const isSel = !!t && selected.has(t.id);
              return (
                <Box
                  key={it.key}
                  role="row"
                  aria-rowindex={it.index + 1}
                  aria-selected={isSel}
                  data-active={it.index === active}
                  data-task={t?.id}
                  aria-current={!!t && t.id === current ? 'true' : undefined}
                  onClick={() => {
                    setActive(it.index);
                    if (t) onOpen(t);
                  }}
                  onContextMenu={(e) => {
                    if (!t || !onRowMenu) return;
                    e.preventDefault();
                    setActive(it.index);
                    onRowMenu(t, { x: e.clientX, y: e.clientY });
                  }}
                  sx={{
                    position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${it.start}px)`,
                    display: 'grid', gridTemplateColumns: template, alignItems: 'center', borderBottom: 1, borderColor: 'divider', cursor: 'pointer',
                    bgcolor: isSel ? 'action.selected' : it.index === active ? 'action.hover' : undefined,
                    boxShadow: t && t.id === current ? (th) => `inset 3px 0 0 ${th.palette.primary.main}` : undefined,
                    '&:hover': { bgcolor: 'action.hover' }, fontSize: 13.5,
                  }}
                >
                  <Box role="gridcell" sx={{ display: 'flex', justifyContent: 'center' }} onClick={(e) => e.stopPropagation()}>
                    {t && <Checkbox size="small" checked={isSel} onChange={() => toggle(t)} slotProps={{ input: { 'aria-label': `select ${t.name}` } }} />}
                  </Box>
                  {columns.map((c) => (
                    <Box key={c.key} role="gridcell" sx={{ px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {t ? cellOf(c, t, userName) : c.key === 'name' ? <Box component="span" sx={{ color: 'text.disabled' }}>…</Box> : null}
                    </Box>
                  ))}
                  <Box />
                </Box>
              );
            })}
          </Box>
          {count.isSuccess && total === 0 && (
            <Typography color="text.secondary" sx={{ p: 4, textAlign: 'center' }} role="status">No tasks match this view.</Typography>
          )}
        </Box>
        <Box sx={{ px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', fontSize: 12, color: 'text.secondary' }} role="status" aria-label="task count">
          {total.toLocaleString()} {total === 1 ? 'task' : 'tasks'}
        </Box>
      </Paper>
    </Box>
  );
}
