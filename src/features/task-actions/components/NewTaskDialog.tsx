import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../../../client/react';
import { TASK_TYPES, type TaskType } from '../../../shared/task-state';

interface Fields {
  name: string;
  type: TaskType;
  repository: string;
  branch: string;
  version_num: string;
  working_dir: string;
  entry_point: string;
  binary: string;
  packages: string;
}

const EMPTY: Fields = {
  name: '',
  type: 'training',
  repository: '',
  branch: '',
  version_num: '',
  working_dir: '.',
  entry_point: '',
  binary: 'python3',
  packages: '',
};

/**
 * A Draft defined by hand (ClearML's "create new experiment"): the code to run and its packages,
 * for an agent to execute once it is enqueued. A refusal shows in the app's error bar.
 */
export function NewTaskDialog({
  open,
  projectId,
  onClose,
  onCreated,
}: {
  open: boolean;
  projectId: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const client = useApiClient();
  const qc = useQueryClient();
  const [f, setF] = useState<Fields>(EMPTY);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const create = useMutation({
    mutationFn: () =>
      client.call('tasks.create', {
        name: f.name.trim(),
        type: f.type,
        project: projectId,
        script: {
          repository: f.repository.trim(),
          branch: f.branch.trim(),
          version_num: f.version_num.trim(),
          working_dir: f.working_dir.trim() || '.',
          entry_point: f.entry_point.trim(),
          binary: f.binary.trim(),
          // Node entry points list npm packages, everything else pip ones.
          requirements: f.packages.trim() ? { [f.binary.trim() === 'node' ? 'npm' : 'pip']: f.packages.trim() + '\n' } : {},
        },
      }),
    onSuccess: ({ id }) => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['projects'] });
      setF(EMPTY);
      onCreated(id);
    },
  });
  const missing = !f.name.trim() ? 'a name' : !f.entry_point.trim() ? 'an entry point' : null;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="new-task-title">
      <DialogTitle id="new-task-title">New task</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Task name" value={f.name} onChange={set('name')} autoFocus required />
          <TextField select label="Type" value={f.type} onChange={set('type')}>
            {TASK_TYPES.map((t) => (
              <MenuItem key={t} value={t}>
                {t}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Repository"
            value={f.repository}
            onChange={set('repository')}
            helperText="A git URL or path; leave empty to run in a folder on the agent's machine (give it as the working directory)"
          />
          <Stack direction="row" spacing={2}>
            <TextField label="Branch" value={f.branch} onChange={set('branch')} fullWidth />
            <TextField label="Commit" value={f.version_num} onChange={set('version_num')} fullWidth />
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField label="Working directory" value={f.working_dir} onChange={set('working_dir')} fullWidth />
            <TextField label="Entry point" value={f.entry_point} onChange={set('entry_point')} required fullWidth />
          </Stack>
          <TextField select label="Binary" value={f.binary} onChange={set('binary')}>
            {['python3', 'node', 'bash'].map((b) => (
              <MenuItem key={b} value={b}>
                {b}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Packages, one a line" value={f.packages} onChange={set('packages')} multiline minRows={2} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!!missing || create.isPending}
          title={missing ? `Give it ${missing}` : undefined}
          onClick={() => create.mutate()}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
