import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { Model } from '../../../shared/api/records';
import { useModelChoices } from '../api/queries';

type Choice = Pick<Model, 'id' | 'name' | 'framework' | 'ready'>;

/**
 * Picks a model for a Draft to take as input (ClearML's input model selector): searched by name on the server, the
 * newest first; `name` is what the task calls it (the script's InputModel or connect name).
 */
export function InputModelDialog({
  open,
  title,
  initialName,
  onClose,
  onPick,
}: {
  open: boolean;
  title: string;
  /** The reference's name when replacing one; a new one takes the model's name. */
  initialName?: string;
  onClose: () => void;
  onPick: (ref: { model: string; name: string }) => void;
}) {
  const [search, setSearch] = useState('');
  const [model, setModel] = useState<Choice | null>(null);
  const [name, setName] = useState(initialName ?? '');
  const choices = useModelChoices(search, open);
  useEffect(() => {
    if (open) {
      setSearch('');
      setModel(null);
      setName(initialName ?? '');
    }
  }, [open, initialName]);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="input-model-title">
      <DialogTitle id="input-model-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Autocomplete
            options={choices.data ?? []}
            // The server filtered them by the text typed.
            filterOptions={(x) => x}
            loading={choices.isFetching}
            getOptionLabel={(m) => m.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            renderOption={({ key, ...props }, m) => (
              <li key={key} {...props}>
                {m.name}
                <span style={{ marginLeft: 8, opacity: 0.6 }}>
                  {[m.framework, m.ready ? 'published' : 'draft'].filter(Boolean).join(' · ')}
                </span>
              </li>
            )}
            value={model}
            onChange={(_, m) => {
              setModel(m);
              if (m && !initialName) setName(m.name);
            }}
            onInputChange={(_, v, reason) => reason === 'input' && setSearch(v)}
            renderInput={(params) => <TextField {...params} label="Model" placeholder="Search by name" />}
          />
          <TextField
            label="Name in the task"
            value={name}
            onChange={(e) => setName(e.target.value)}
            helperText="What the script asks for (its InputModel or connect name)"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!model || !name.trim()}
          onClick={() => model && onPick({ model: model.id, name: name.trim() })}
        >
          Use model
        </Button>
      </DialogActions>
    </Dialog>
  );
}
