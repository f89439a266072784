import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { ShortId } from '../../../components/ShortId';
import { StatusBadge } from '../../../components/StatusBadge';
import type { TaskRow } from '../api/queries';
import { extraValue, formatDuration, runtimeMs } from '../column-values';
import type { ColumnDef } from '../table-state';

const THIS_YEAR = new Date().getFullYear();

/** A date short enough for a narrow column (the year only when it is not this one); the full one in the title. */
function dateCell(iso: string | null | undefined) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const text = d.toLocaleString(undefined, {
    ...(d.getFullYear() !== THIS_YEAR ? { year: 'numeric' } : {}),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return <span title={d.toLocaleString()}>{text}</span>;
}

function numberCell(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(5)));
}

export interface CellContext {
  userName: (id: string) => string;
  projectName: (id: string | null) => string;
}

export function cellOf(col: ColumnDef, t: TaskRow, ctx: CellContext) {
  switch (col.key) {
    case 'id':
      return <ShortId id={t.id} />;
    case 'project':
      return <span title={ctx.projectName(t.project)}>{ctx.projectName(t.project)}</span>;
    case 'type':
      return (
        <Box component="span" sx={{ color: 'text.secondary' }}>
          {t.type}
        </Box>
      );
    case 'name':
      return (
        <Box component="span" sx={{ fontWeight: 500 }} title={t.name}>
          {t.name}
        </Box>
      );
    case 'status':
      return <StatusBadge status={t.status} />;
    case 'user':
      return ctx.userName(t.user);
    case 'tags':
      return t.tags.map((tag) => <Chip key={tag} size="small" label={tag} sx={{ mr: 0.5, height: 20 }} />);
    case 'started':
      return dateCell(t.started);
    case 'last_update':
      return dateCell(t.last_update);
    case 'runtime': {
      const ms = runtimeMs(t);
      return ms === undefined ? '' : formatDuration(ms);
    }
    case 'last_iteration':
      return t.last_iteration;
    case 'parent':
      return t.parent ? <ShortId id={t.parent} /> : '';
    case 'comment':
      return <span title={t.comment}>{t.comment}</span>;
  }
  const v = extraValue(col.key, t);
  return typeof v === 'number' ? numberCell(v) : (v ?? '');
}
