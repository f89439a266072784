import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { StatusBadge } from '../../../components/StatusBadge';
import type { TaskRow } from '../api/queries';
import { extraValue } from '../column-values';
import type { ColumnDef } from '../table-state';

function dateCell(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function numberCell(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(5)));
}

export function cellOf(col: ColumnDef, t: TaskRow, userName: (id: string) => string) {
  switch (col.key) {
    case 'type':
      return (
        <Box component="span" sx={{ color: 'text.secondary' }}>
          {t.type}
        </Box>
      );
    case 'name':
      return (
        <Box component="span" sx={{ fontWeight: 500 }}>
          {t.name}
        </Box>
      );
    case 'status':
      return <StatusBadge status={t.status} />;
    case 'user':
      return userName(t.user);
    case 'tags':
      return t.tags.map((tag) => <Chip key={tag} size="small" label={tag} sx={{ mr: 0.5, height: 20 }} />);
    case 'started':
      return dateCell(t.started);
    case 'last_update':
      return dateCell(t.last_update);
    case 'last_iteration':
      return t.last_iteration;
  }
  const v = extraValue(col.key, t);
  return typeof v === 'number' ? numberCell(v) : (v ?? '');
}
