import FilterListIcon from '@mui/icons-material/FilterList';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import { useRef, useState } from 'react';
import type { ColumnDef } from '../../columns';
import type { RangeEnds } from '../../table-state';
import { useHeaderTabStop } from '../../../../components/table/header-tab-stop';
import { sortableHeader, SortMark } from '../../../../components/table/sortable-header';
import { flashSx, pinnedSx, type GridLayout } from './layout';
import { RangeFilter } from './RangeFilter';
import { ResizeHandle } from './ResizeHandle';

const DRAG_TYPE = 'application/x-taskdeck-column';

interface Props {
  columns: ColumnDef[];
  grid: GridLayout;
  /** The sort's keys in order (`field` or `-field`). */
  sort: string[];
  /** A click on a sortable header; `add` with Shift: the column joins the sort instead of replacing it. */
  onSort: (field: string, add: boolean) => void;
  allChecked: boolean;
  onCheckAll: (on: boolean) => void;
  /** A width while dragging (`done` false) and when let go (`done` true). */
  onResize: (key: string, width: number, done: boolean) => void;
  /** Moves column `from` to where `to` is. */
  onMove: (from: string, to: string) => void;
  ranges: Record<string, RangeEnds> | undefined;
  onRange: (key: string, v: RangeEnds | undefined) => void;
  /** Hyperparameter columns' value filters, and whose values the filter offers. */
  vals: Record<string, string[]> | undefined;
  onVals: (key: string, v: string[] | undefined) => void;
  view: { projectId: string; deep: boolean };
  /** A column just added, highlighted for a moment. */
  flash?: string;
}

/** The sticky header: select the visible rows; sort, filter, resize and move the columns. */
export function HeaderRow({
  columns,
  grid,
  sort,
  onSort,
  allChecked,
  onCheckAll,
  onResize,
  onMove,
  ranges,
  onRange,
  vals,
  onVals,
  view,
  flash,
}: Props) {
  const [filterOf, setFilterOf] = useState<{ col: ColumnDef; anchor: HTMLElement } | null>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const resizing = useRef(false);
  const lastPinned = [...grid.pinned.keys()].at(-1);
  const tabStop = useHeaderTabStop(columns.flatMap((c) => (c.sortField ? [c.sortField] : [])));
  return (
    <Box
      role="row"
      onKeyDown={tabStop.onKeyDown}
      sx={{
        display: 'grid',
        gridTemplateColumns: grid.template,
        position: 'sticky',
        top: 0,
        zIndex: 3,
        bgcolor: 'background.paper',
        borderBottom: 1,
        borderColor: 'divider',
        minWidth: grid.width,
      }}
    >
      <Box role="columnheader" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center', ...pinnedSx(0, false) }}>
        <Checkbox
          size="small"
          slotProps={{ input: { 'aria-label': 'select visible rows' } }}
          checked={allChecked}
          onChange={(e) => onCheckAll(e.target.checked)}
        />
      </Box>
      {columns.map((c) => {
        const filtered = !!ranges?.[c.key] || !!vals?.[c.key];
        const sorts = c.sortField ? sortableHeader(sort, c.sortField, onSort, tabStop.of(c.sortField)) : null;
        return (
          <Box
            key={c.key}
            role="columnheader"
            aria-sort="none"
            {...sorts?.props}
            data-column={c.key}
            data-flash={flash === c.key || undefined}
            draggable
            onDragStart={(e) => {
              if (resizing.current) return e.preventDefault();
              e.dataTransfer.setData(DRAG_TYPE, c.key);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              setDropOn(c.key);
            }}
            onDragLeave={() => setDropOn((k) => (k === c.key ? null : k))}
            onDrop={(e) => {
              const from = e.dataTransfer.getData(DRAG_TYPE);
              setDropOn(null);
              if (from) onMove(from, c.key);
            }}
            sx={{
              position: 'relative',
              pl: 1,
              pr: 1.5,
              py: 1.2,
              fontSize: 12,
              fontWeight: 600,
              color: 'text.secondary',
              cursor: c.sortField ? 'pointer' : 'grab',
              userSelect: 'none',
              display: 'flex',
              alignItems: 'center',
              gap: 0.25,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textTransform: 'uppercase',
              letterSpacing: 0.2,
              bgcolor: 'background.paper',
              ...pinnedSx(grid.pinned.get(c.key), c.key === lastPinned),
              // The funnel shows on hover or focus, or while the filter is on: the label keeps the room.
              '&:hover .range-button, & .range-button:focus-visible': { opacity: 1 },
              '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
              ...(dropOn === c.key ? { outline: '2px dashed', outlineColor: 'primary.main', outlineOffset: -2 } : {}),
              ...flashSx,
            }}
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} title={c.label}>
              {c.label}
            </span>
            {sorts && <SortMark place={sorts.place} rank={sorts.rank} />}
            {c.range && (
              <IconButton
                className="range-button"
                size="small"
                aria-label={`filter ${c.label}`}
                aria-pressed={filtered}
                color={filtered ? 'primary' : 'default'}
                sx={{ p: 0.25, position: 'absolute', right: 8, bgcolor: 'background.paper', opacity: filtered ? 1 : 0 }}
                onClick={(e) => {
                  e.stopPropagation();
                  setFilterOf({ col: c, anchor: e.currentTarget });
                }}
              >
                <FilterListIcon sx={{ fontSize: 15 }} />
              </IconButton>
            )}
            <ResizeHandle
              label={c.label}
              width={c.width}
              onStart={() => (resizing.current = true)}
              onResize={(w, done) => {
                if (done) resizing.current = false;
                onResize(c.key, w, done);
              }}
            />
          </Box>
        );
      })}
      <Box />
      {filterOf && (
        <RangeFilter
          column={filterOf.col}
          value={ranges?.[filterOf.col.key]}
          anchor={filterOf.anchor}
          onClose={() => setFilterOf(null)}
          onChange={(v) => onRange(filterOf.col.key, v)}
          values={vals?.[filterOf.col.key]}
          onValues={(v) => onVals(filterOf.col.key, v)}
          view={view}
        />
      )}
    </Box>
  );
}
