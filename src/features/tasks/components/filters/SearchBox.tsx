import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useEffect, useState } from 'react';
import { useDebouncedCommit } from '../../../../components/use-debounced-commit';

/**
 * The search box: a substring of name, id or comment, or (the `.*` switch) a regular expression on
 * the name, which the server runs with a linear-time engine and refuses with a message when it is bad.
 */
export function SearchBox({
  q,
  regex,
  error,
  width,
  onChange,
}: {
  q: string | undefined;
  regex: boolean;
  /** The server's word on the pattern, when it refused it. */
  error?: string;
  width: number;
  onChange: (q: string | undefined, regex: boolean) => void;
}) {
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  // Search as the user pauses typing, not on every key.
  useDebouncedCommit(text || undefined, q, (v) => onChange(v, regex), 300);
  return (
    <TextField
      size="small"
      label={regex ? 'Name regex' : 'Search name, id, comment'}
      value={text}
      onChange={(e) => setText(e.target.value)}
      error={!!error}
      sx={{ width, '& .MuiInputBase-input': regex ? { fontFamily: 'monospace' } : {} }}
      slotProps={{
        htmlInput: { 'aria-invalid': !!error, 'aria-errormessage': error ? 'search-error' : undefined },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={regex ? 'Regular expression on the name (click for plain text)' : 'Use a regular expression'}>
                <IconButton
                  size="small"
                  edge="end"
                  aria-label="regular expression"
                  aria-pressed={regex}
                  color={regex ? 'primary' : 'default'}
                  onClick={() => onChange(text || undefined, !regex)}
                  sx={{ fontFamily: 'monospace', fontSize: 13, fontWeight: 700, px: 0.5, borderRadius: 1 }}
                >
                  .*
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
