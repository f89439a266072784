/** The table's rows as CSV: what the columns show, in plain values (ISO dates, full-precision numbers). */
import { STATUS_LABELS, type TaskStatus } from '../../shared/task-state';
import type { TaskRow } from './api/queries';
import { extraValue } from './column-values';
import type { ColumnDef } from './table-state';

function plainValue(col: ColumnDef, t: TaskRow, userName: (id: string) => string): string | number {
  switch (col.key) {
    case 'status':
      return STATUS_LABELS[t.status as TaskStatus] ?? t.status;
    case 'user':
      return userName(t.user);
    case 'tags':
      return t.tags.join('; ');
    case 'type':
    case 'name':
    case 'started':
    case 'last_update':
    case 'last_iteration':
      return t[col.key] ?? '';
  }
  return extraValue(col.key, t) ?? '';
}

/** Text a spreadsheet would run as a formula (`=HYPERLINK(...)` in a task name) gets a leading `'`; numbers stay numbers. */
function defuse(v: string | number): string {
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !Number.isFinite(Number(s)) ? `'${s}` : s;
}

function quote(v: string | number): string {
  const s = defuse(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: ColumnDef[], rows: TaskRow[], userName: (id: string) => string): string {
  const header = ['ID', ...columns.map((c) => c.label)];
  const lines = rows.map((t) => [t.id, ...columns.map((c) => plainValue(c, t, userName))].map(quote).join(','));
  return [header.map(quote).join(','), ...lines].join('\r\n') + '\r\n';
}
