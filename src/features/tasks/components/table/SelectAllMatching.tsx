import Button from '@mui/material/Button';
import { useState } from 'react';
import { EXPORT_LIMIT, useFetchAllRows, type TaskRow } from '../../api/queries';

/**
 * Offered once every loaded row is selected and the view holds more: selects every task of the view (up to
 * EXPORT_LIMIT, in its order) as ClearML's "select all" does, so that a bulk action reaches a whole sweep rather
 * than the rows scrolled past.
 */
export function SelectAllMatching({
  query,
  fields,
  total,
  onRows,
}: {
  query: Record<string, unknown>;
  fields: string[];
  total: number;
  onRows: (rows: TaskRow[]) => void;
}) {
  const fetchAll = useFetchAllRows();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      onRows(await fetchAll(query, fields));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const label =
    total > EXPORT_LIMIT
      ? `Select the first ${EXPORT_LIMIT.toLocaleString()} of ${total.toLocaleString()}`
      : `Select all ${total.toLocaleString()} tasks of this view`;
  return (
    <Button
      size="small"
      disabled={busy}
      onClick={() => void run()}
      title={error ?? undefined}
      color={error ? 'error' : 'primary'}
    >
      {busy ? 'Selecting…' : error ? `${label} (failed: try again)` : label}
    </Button>
  );
}
