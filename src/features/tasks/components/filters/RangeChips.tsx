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

/** The range filters in force, each removable: they stay visible even when their column is not. */
export function RangeChips({ range, onChange }: { range: TableState['range']; onChange: (r: TableState['range']) => void }) {
  return Object.entries(range ?? {}).map(([key, ends]) => {
    const col = columnOfKey(key);
    if (!col?.range) return null;
    return (
      <Chip
        key={key}
        size="small"
        color="primary"
        variant="outlined"
        data-range={key}
        label={`${col.label} ${rangeText(col.range.kind, ends)}`}
        onDelete={() => {
          const { [key]: _gone, ...rest } = range ?? {};
          onChange(Object.keys(rest).length ? rest : undefined);
        }}
      />
    );
  });
}

/** The hyperparameter value filters in force, each removable, as the range chips are. */
export function ValueChips({ vals, onChange }: { vals: TableState['vals']; onChange: (v: TableState['vals']) => void }) {
  return Object.entries(vals ?? {}).map(([key, values]) => {
    const col = columnOfKey(key);
    if (!col) return null;
    return (
      <Chip
        key={key}
        size="small"
        color="primary"
        variant="outlined"
        data-values={key}
        sx={{ maxWidth: 320 }}
        label={`${col.label}: ${values.join(', ')}`}
        onDelete={() => {
          const { [key]: _gone, ...rest } = vals ?? {};
          onChange(Object.keys(rest).length ? rest : undefined);
        }}
      />
    );
  });
}
