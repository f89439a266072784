import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Popover from '@mui/material/Popover';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { paramKey, type ColumnDef } from '../../columns';
import { useParamValues } from '../../api/queries';
import type { RangeEnds } from '../../table-state';

/** ISO -> the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function fromInput(kind: 'date' | 'number', v: string): string | null | 'bad' {
  if (!v.trim()) return null;
  if (kind === 'number') return Number.isFinite(Number(v)) ? String(Number(v)) : 'bad';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? 'bad' : d.toISOString();
}

/** A column's range filter: from and to (dates in local time, or numbers); either may be left open. */
export function RangeFilter({
  column,
  value,
  anchor,
  onClose,
  onChange,
  values,
  onValues,
  view,
}: {
  column: ColumnDef;
  value: RangeEnds | undefined;
  anchor: HTMLElement | null;
  onClose: () => void;
  onChange: (v: RangeEnds | undefined) => void;
  /** A hyperparameter column's values filter (one of them kept): it takes the place of a range. */
  values?: string[];
  onValues?: (v: string[] | undefined) => void;
  /** Whose values are offered: the table's project (and its sub-projects with `deep`). */
  view?: { projectId: string; deep: boolean };
}) {
  const kind = column.range?.kind ?? 'number';
  const show = (v: string | null) => (kind === 'date' ? toLocalInput(v) : (v ?? ''));
  const [from, setFrom] = useState(show(value?.[0] ?? null));
  const [to, setTo] = useState(show(value?.[1] ?? null));
  const param = onValues && view ? paramKey(column.key) : null;
  const choices = useParamValues(view?.projectId ?? '*', !!view?.deep, param);
  const [picked, setPicked] = useState<string[]>(values ?? []);
  // A parameter whose every value is text (an optimizer's name) has no range to give; one set before still shows.
  const textOnly = !!choices.data?.length && !value && choices.data.every((v) => !v.trim() || !Number.isFinite(Number(v)));
  const a = fromInput(kind, from);
  const b = fromInput(kind, to);
  const bad = a === 'bad' || b === 'bad';
  const apply = () => {
    if (bad) return;
    // Values picked make the filter; else the range does (a column keeps one of the two).
    if (param && picked.length) {
      onChange(undefined);
      onValues?.(picked);
    } else {
      onValues?.(undefined);
      onChange(a === null && b === null ? undefined : [a, b]);
    }
    onClose();
  };
  const input = (label: string, v: string, set: (v: string) => void) => (
    <TextField
      size="small"
      label={label}
      type={kind === 'date' ? 'datetime-local' : 'text'}
      value={v}
      onChange={(e) => set(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: kind === 'number' ? 'decimal' : undefined } }}
      error={fromInput(kind, v) === 'bad'}
      sx={{ width: kind === 'date' ? 210 : 130 }}
    />
  );
  return (
    <Popover
      open={!!anchor}
      anchorEl={anchor}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      slotProps={{ paper: { role: 'dialog', 'aria-label': `filter ${column.label}` } as object }}
    >
      {/* Rendered inside the grid's tree: its keys (Enter opens a row, Space selects) must not see this typing. */}
      <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} onKeyDown={(e) => e.stopPropagation()}>
        <Typography variant="subtitle2">{column.label}</Typography>
        {!textOnly && (
          <Box sx={{ display: 'flex', gap: 1 }}>
            {input(kind === 'date' ? 'From' : 'Min', from, setFrom)}
            {input(kind === 'date' ? 'To' : 'Max', to, setTo)}
          </Box>
        )}
        {param && (
          <Autocomplete
            multiple
            size="small"
            sx={{ width: 268 }}
            options={choices.data ?? []}
            loading={choices.isFetching}
            value={picked}
            onChange={(_, v) => setPicked(v)}
            renderInput={(params) => (
              <TextField {...params} label={textOnly ? 'One of these values' : 'Or one of these values'} />
            )}
          />
        )}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1 }}>
          <Button
            size="small"
            onClick={() => {
              onChange(undefined);
              onValues?.(undefined);
              onClose();
            }}
          >
            Clear
          </Button>
          <Button size="small" variant="contained" disabled={bad} onClick={apply}>
            Apply
          </Button>
        </Box>
      </Box>
    </Popover>
  );
}
