import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import type { ColumnDef } from '../../table-state';

interface Props {
  columns: ColumnDef[];
  template: string;
  /** The sort as the table state holds it (`field` or `-field`; newest update first by default). */
  sort: string | undefined;
  onSort: (field: string) => void;
  allChecked: boolean;
  onCheckAll: (on: boolean) => void;
}

/** The sticky header: select the visible rows, and sort by a column (click again to reverse). */
export function HeaderRow({ columns, template, sort, onSort, allChecked, onCheckAll }: Props) {
  const sortIcon = (field: string) =>
    sort === field ? (
      <ArrowUpwardIcon sx={{ fontSize: 14 }} />
    ) : (sort ?? '-last_update') === `-${field}` ? (
      <ArrowDownwardIcon sx={{ fontSize: 14 }} />
    ) : null;
  return (
    <Box
      role="row"
      sx={{
        display: 'grid',
        gridTemplateColumns: template,
        position: 'sticky',
        top: 0,
        zIndex: 2,
        bgcolor: 'background.paper',
        borderBottom: 1,
        borderColor: 'divider',
        minWidth: 'fit-content',
      }}
    >
      <Box role="columnheader" sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Checkbox
          size="small"
          slotProps={{ input: { 'aria-label': 'select visible rows' } }}
          checked={allChecked}
          onChange={(e) => onCheckAll(e.target.checked)}
        />
      </Box>
      {columns.map((c) => (
        <Box
          key={c.key}
          role="columnheader"
          aria-sort={sort === c.sortField ? 'ascending' : (sort ?? '-last_update') === `-${c.sortField}` ? 'descending' : 'none'}
          onClick={() => onSort(c.sortField)}
          data-column={c.key}
          sx={{
            px: 1,
            py: 1.2,
            fontSize: 12.5,
            fontWeight: 600,
            color: 'text.secondary',
            cursor: 'pointer',
            userSelect: 'none',
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textTransform: 'uppercase',
            letterSpacing: 0.3,
          }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{c.label}</span>
          {sortIcon(c.sortField)}
        </Box>
      ))}
      <Box />
    </Box>
  );
}
