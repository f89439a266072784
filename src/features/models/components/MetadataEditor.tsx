import DeleteIcon from '@mui/icons-material/Delete';
import { ReadOnlyTip } from '../../../components/ReadOnlyTip';
import { useViewerBlocker } from '../../../client/current-user';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { Model } from '../../../shared/api/records';
import { useModelMutations } from '../api/queries';

const MAX_KEY = 256;
const MAX_VALUE = 10_000;

/** The model's metadata (key, type, value): add or overwrite a key, remove one. */
export function MetadataEditor({ model }: { model: Model }) {
  const m = useModelMutations();
  const [draft, setDraft] = useState({ key: '', type: 'str', value: '' });
  const [error, setError] = useState<string | null>(null);
  const items = Object.values(model.metadata ?? {}).sort((a, b) => a.key.localeCompare(b.key));
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const key = draft.key.trim();
  const viewer = useViewerBlocker();
  return (
    <Box>
      <Table size="small" aria-label="metadata">
        <TableHead>
          <TableRow>
            <TableCell>Key</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Value</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((it) => (
            <TableRow key={it.key} data-meta={it.key}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{it.key}</TableCell>
              <TableCell>{it.type ?? ''}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{it.value ?? ''}</TableCell>
              <TableCell align="right">
                <IconButton
                  size="small"
                  aria-label={`remove ${it.key}`}
                  disabled={!!viewer || m.deleteMetadata.isPending}
                  onClick={() => m.deleteMetadata.mutate({ model: model.id, keys: [it.key] }, { onError: fail })}
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box
        component="form"
        aria-label="add metadata"
        sx={{ display: 'flex', gap: 1, mt: 2, alignItems: 'center' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!key) return;
          setError(null);
          m.setMetadata.mutate(
            { model: model.id, items: [{ key, type: draft.type.trim() || 'str', value: draft.value }] },
            {
              onSuccess: () => setDraft({ key: '', type: 'str', value: '' }),
              onError: fail,
            },
          );
        }}
      >
        <TextField
          size="small"
          label="Key"
          value={draft.key}
          slotProps={{ htmlInput: { maxLength: MAX_KEY } }}
          onChange={(e) => setDraft({ ...draft, key: e.target.value })}
        />
        <TextField
          size="small"
          label="Type"
          value={draft.type}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { maxLength: 32 } }}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
        />
        <TextField
          size="small"
          label="Value"
          value={draft.value}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { maxLength: MAX_VALUE } }}
          onChange={(e) => setDraft({ ...draft, value: e.target.value })}
        />
        <ReadOnlyTip>
          <Button type="submit" variant="outlined" disabled={!!viewer || !key || m.setMetadata.isPending}>
            Set
          </Button>
        </ReadOnlyTip>
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
