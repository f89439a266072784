import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';

const parentOf = (name: string) => name.split('/').slice(0, -1).join('/');

/**
 * Asks where a project goes (projects.move): an existing project picked from the list or a new path typed,
 * empty for the top level. The project itself and its sub-projects are not offered, nor where it already is.
 */
export function MoveProjectDialog({
  project,
  projects,
  onClose,
  onMove,
}: {
  project: { id: string; name: string } | null;
  /** Every project's path, for the choices. */
  projects: string[];
  onClose: () => void;
  onMove: (location: string) => void;
}) {
  const [location, setLocation] = useState('');
  useEffect(() => setLocation(''), [project]);
  const name = project?.name ?? '';
  const target = location
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
    .join('/');
  const inside = target === name || target.startsWith(name + '/');
  const ok = !!project && !inside && target !== parentOf(name);
  const choices = projects.filter((p) => p !== name && !p.startsWith(name + '/') && p !== parentOf(name));
  return (
    <Dialog open={!!project} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="move-project-title">
      <DialogTitle id="move-project-title">Move {name}</DialogTitle>
      <DialogContent>
        <Autocomplete
          freeSolo
          openOnFocus
          options={choices}
          inputValue={location}
          onInputChange={(_, v) => setLocation(v)}
          renderInput={(params) => (
            <TextField
              {...params}
              autoFocus
              label="New location"
              error={inside}
              helperText={
                inside
                  ? 'A project cannot go under itself'
                  : `Goes with its sub-projects to ${target ? `${target}/` : 'the top level as '}${name.split('/').pop()}; a missing location is created`
              }
              sx={{ mt: 1 }}
            />
          )}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!ok} onClick={() => onMove(target)}>
          Move
        </Button>
      </DialogActions>
    </Dialog>
  );
}
