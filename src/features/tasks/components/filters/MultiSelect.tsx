import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import OutlinedInput from '@mui/material/OutlinedInput';
import Select from '@mui/material/Select';

export function MultiSelect({
  label,
  values,
  options,
  onChange,
  onOpen,
  loading,
}: {
  label: string;
  values: string[];
  options: { value: string; label: string }[];
  onChange: (v: string[]) => void;
  /** Called as the list opens: its choices may be read then. */
  onOpen?: () => void;
  /** The choices are being read (said in the list while it has none). */
  loading?: boolean;
}) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <FormControl size="small" sx={{ width: 124 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        multiple
        value={values}
        onChange={(e) => onChange(typeof e.target.value === 'string' ? e.target.value.split(',') : e.target.value)}
        onOpen={onOpen}
        input={<OutlinedInput label={label} />}
        renderValue={(sel) => sel.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ')}
        MenuProps={{ slotProps: { list: { 'aria-label': `${label} options` } } }}
      >
        {loading && !options.length && (
          <MenuItem disabled value="">
            Loading…
          </MenuItem>
        )}
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value} data-option={o.value}>
            <Checkbox size="small" checked={values.includes(o.value)} />
            <ListItemText primary={o.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
