/** The table's rows as CSV: what the columns show, in plain values (ISO dates, full-precision numbers). */
import Papa from 'papaparse';
import { STATUS_LABELS, type TaskStatus } from '../../shared/task-state';
import type { TaskRow } from './api/queries';
import { extraValue, runtimeMs } from './column-values';
import type { ColumnDef } from './table-state';

export interface CsvNames {
  userName: (id: string) => string;
  projectName: (id: string | null) => string;
}

function plainValue(col: ColumnDef, t: TaskRow, names: CsvNames): string | number {
  switch (col.key) {
    case 'status':
      return STATUS_LABELS[t.status as TaskStatus] ?? t.status;
    case 'user':
      return names.userName(t.user);
    case 'project':
      return names.projectName(t.project);
    case 'runtime': {
      const ms = runtimeMs(t);
      return ms === undefined ? '' : Math.round(ms / 1000);
    }
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

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

/**
 * A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab or CR as a formula: such text
 * (a task named `=HYPERLINK(...)`) is written with a leading `'` so it opens as text. Numbers,
 * negative ones included, stay numbers.
 */
function asText(v: string | number): string | number {
  if (typeof v === 'number' || NUMBER.test(v)) return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The id always comes first, whether or not its column shows; run time is in seconds. */
export function toCsv(columns: ColumnDef[], rows: TaskRow[], names: CsvNames): string {
  const cols = columns.filter((c) => c.key !== 'id');
  const header = ['ID', ...cols.map((c) => (c.key === 'runtime' ? 'Run time (s)' : c.label))];
  const lines = rows.map((t) => [t.id, ...cols.map((c) => plainValue(c, t, names))]);
  return (
    Papa.unparse(
      [header, ...lines].map((cells) => cells.map(asText)),
      { newline: '\r\n' },
    ) + '\r\n'
  );
}
