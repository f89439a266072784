import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import { EXPORT_LIMIT, useFetchAllRows } from '../api/queries';
import { toCsv, type CsvNames } from '../csv';
import type { ColumnDef } from '../table-state';

/** Downloads the view as CSV: its filters, its sort, its columns. */
export function ExportButton({
  query,
  fields,
  columns,
  total,
  names,
}: {
  query: Record<string, unknown>;
  fields: string[];
  columns: ColumnDef[];
  total: number;
  names: CsvNames;
}) {
  const fetchAll = useFetchAllRows();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const csv = toCsv(columns, await fetchAll(query, fields), names);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'tasks.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  }
  const note =
    total > EXPORT_LIMIT
      ? `The first ${EXPORT_LIMIT.toLocaleString()} of ${total.toLocaleString()} tasks, as sorted`
      : 'The tasks of this view, with its columns';
  return (
    <Tooltip title={note}>
      <span>
        <Button size="small" startIcon={<DownloadIcon />} disabled={busy || !total} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export CSV'}
        </Button>
      </span>
    </Tooltip>
  );
}
