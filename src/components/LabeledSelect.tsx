import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A small select with a floating label (labelled `<id>-label` for screen readers and tests). */
export function LabeledSelect<T extends string>({
  id,
  label,
  value,
  options,
  minWidth,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  minWidth: number;
  onChange: (value: T) => void;
}) {
  return (
    <FormControl size="small" sx={{ minWidth }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select labelId={`${id}-label`} label={label} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
