import Chip from '@mui/material/Chip';
import { columnOfKey, type RangeEnds, type TableState } from '../../table-state';

function endText(kind: 'date' | 'number', v: string): string {
  if (kind === 'number') return v;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function rangeText(kind: 'date' | 'number', [from, to]: RangeEnds): string {
  if (from !== null && to !== null) return `${endText(kind, from)} – ${endText(kind, to)}`;
  return from !== null ? `≥ ${endText(kind, from)}` : `≤ ${endText(kind, to ?? '')}`;
}

/** A filter in force, removable: it stays visible even when its column is not. */
function FilterChip({ label, data, onDelete }: { label: string; data: Record<string, string>; onDelete: () => void }) {
  return (
    <Chip size="small" color="primary" variant="outlined" {...data} sx={{ maxWidth: 320 }} label={label} onDelete={onDelete} />
  );
}

/** The range filters in force, each removable. */
export function RangeChips({ range, onRemove }: { range: TableState['range']; onRemove: (key: string) => void }) {
  return Object.entries(range ?? {}).map(([key, ends]) => {
    const col = columnOfKey(key);
    if (!col?.range) return null;
    return (
      <FilterChip
        key={key}
        data={{ 'data-range': key }}
        label={`${col.label} ${rangeText(col.range.kind, ends)}`}
        onDelete={() => onRemove(key)}
      />
    );
  });
}

/** The hyperparameter value filters in force, each removable. */
export function ValueChips({ vals, onRemove }: { vals: TableState['vals']; onRemove: (key: string) => void }) {
  return Object.entries(vals ?? {}).map(([key, values]) => {
    const col = columnOfKey(key);
    if (!col) return null;
    return (
      <FilterChip
        key={key}
        data={{ 'data-values': key }}
        label={`${col.label}: ${values.join(', ')}`}
        onDelete={() => onRemove(key)}
      />
    );
  });
}
