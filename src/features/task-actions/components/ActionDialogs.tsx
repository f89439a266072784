import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { QueueSelect } from '../../../components/QueueSelect';
import { useProjectList } from '../../../components/queries/project-list';
import { useNothingToRun } from '../api/lookups';
import { TagInput } from '../../../components/TagInput';

interface Base {
  open: boolean;
  onClose: () => void;
}

/** A box the confirmation offers beside its text, checked or not at first; its state goes to onConfirm. */
export interface ConfirmOption {
  label: string;
  initial: boolean;
}

export function ConfirmDialog({
  open,
  onClose,
  title,
  text,
  confirm,
  danger,
  option,
  onConfirm,
}: Base & {
  title: string;
  text: string;
  confirm: string;
  danger?: boolean;
  option?: ConfirmOption;
  onConfirm: (checked: boolean) => void;
}) {
  const [checked, setChecked] = useState(option?.initial ?? false);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
        {option && (
          <FormControlLabel
            sx={{ mt: 1 }}
            control={<Checkbox checked={checked} onChange={(e) => setChecked(e.target.checked)} />}
            label={option.label}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} onClick={() => onConfirm(checked)}>
          {confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export interface CloneChoice {
  name: string;
  /** An existing project, or (`newProjectName`) one to create; neither: no project. */
  projectId: string | null;
  newProjectName?: string;
  comment: string;
  keepParent: boolean;
}

export function CloneDialog({
  open,
  onClose,
  sourceName,
  sourceProject,
  onClone,
}: Base & { sourceName: string; sourceProject: string | null; onClone: (c: CloneChoice) => void }) {
  const projects = useProjectList(open);
  const [name, setName] = useState(`Clone Of ${sourceName}`);
  const [project, setProject] = useState<string | { id: string; name: string } | null>(null);
  const [comment, setComment] = useState('');
  const [keepParent, setKeepParent] = useState(true);
  const options = projects.data ?? [];
  useEffect(() => {
    if (open) {
      setName(`Clone Of ${sourceName}`);
      setComment('');
    }
  }, [open, sourceName]);
  // The source's project until the user picks or types another: set once a dialog's list has come, not on a refetch.
  const [seeded, setSeeded] = useState(false);
  useEffect(() => {
    if (!open) setSeeded(false);
    else if (!seeded && projects.data) {
      setProject(projects.data.find((p) => p.id === sourceProject) ?? null);
      setSeeded(true);
    }
  }, [open, seeded, projects.data, sourceProject]);
  // A typed name is an existing project when one has it, else a new one.
  const typed = typeof project === 'string' ? project.trim() : null;
  const existing = typed !== null ? options.find((p) => p.name === typed) : undefined;
  const choice = (): CloneChoice => ({
    name: name.trim(),
    projectId: typed === null ? ((project as { id: string } | null)?.id ?? null) : (existing?.id ?? null),
    ...(typed && !existing ? { newProjectName: typed } : {}),
    comment: comment.trim(),
    keepParent,
  });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="clone-title">
      <DialogTitle id="clone-title">Clone task</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField label="New task name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <Autocomplete
            freeSolo
            options={options}
            getOptionLabel={(p) => (typeof p === 'string' ? p : p.name)}
            value={project}
            onChange={(_, v) => setProject(v)}
            onInputChange={(_, v, reason) => reason === 'input' && setProject(v)}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Project"
                helperText={typed && !existing ? `A new project "${typed}" is created` : ' '}
              />
            )}
          />
          <TextField
            label="Description"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            multiline
            minRows={2}
            placeholder="What this clone is for"
          />
          <FormControlLabel
            control={<Checkbox checked={keepParent} onChange={(e) => setKeepParent(e.target.checked)} />}
            label="Keep a link to this task as the parent"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!name.trim()} onClick={() => onClone(choice())}>
          Clone
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The warning for tasks an agent would fail at once, naming a few of a selection. */
function nothingToRun(count: number, idle: { name: string }[]): string {
  const why = 'nothing for an agent to run: no entry point, or neither a repository nor a diff with the code';
  if (count === 1) return `This task has ${why}. An agent would fail it.`;
  const names =
    idle
      .slice(0, 3)
      .map((t) => t.name)
      .join(', ') + (idle.length > 3 ? ', …' : '');
  return idle.length === 1
    ? `One task (${names}) has ${why}. An agent would fail it.`
    : `${idle.length} tasks (${names}) have ${why}. An agent would fail them.`;
}

export function EnqueueDialog({ open, onClose, ids, onEnqueue }: Base & { ids: string[]; onEnqueue: (queueId: string) => void }) {
  const [queue, setQueue] = useState('');
  const idle = useNothingToRun(ids, open);
  const count = ids.length;
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="enqueue-title">
      <DialogTitle id="enqueue-title">Enqueue {count > 1 ? `${count} tasks` : 'task'}</DialogTitle>
      <DialogContent>
        <QueueSelect enabled={open} value={queue} onChange={setQueue} />
        {!!idle.data?.length && (
          <Alert severity="warning" sx={{ mt: 2 }} role="status" aria-label="nothing to run">
            {nothingToRun(count, idle.data)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!queue} onClick={() => onEnqueue(queue)}>
          Enqueue
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function MoveDialog({
  open,
  onClose,
  onMove,
}: Base & { onMove: (target: { project?: string; project_name?: string }) => void }) {
  const projects = useProjectList(open);
  const [value, setValue] = useState<string | { id: string; name: string } | null>(null);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="move-title">
      <DialogTitle id="move-title">Move to project</DialogTitle>
      <DialogContent>
        <Autocomplete
          freeSolo
          options={projects.data ?? []}
          getOptionLabel={(p) => (typeof p === 'string' ? p : p.name)}
          value={value}
          onChange={(_, v) => setValue(v)}
          onInputChange={(_, v, reason) => reason === 'input' && setValue(v)}
          renderInput={(params) => <TextField {...params} label="Project (a new name creates it)" sx={{ mt: 1 }} />}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!value}
          onClick={() => value && onMove(typeof value === 'string' ? { project_name: value } : { project: value.id })}
        >
          Move
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function TagsDialog({
  open,
  onClose,
  tags,
  onSave,
}: Base & { tags: string[]; onSave: (add: string[], remove: string[]) => void }) {
  const [current, setCurrent] = useState<string[]>(tags);
  useEffect(() => {
    if (open) setCurrent(tags);
  }, [open, tags]);
  const add = (t: string) => {
    if (!current.includes(t)) setCurrent([...current, t]);
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="tags-title">
      <DialogTitle id="tags-title">Tags</DialogTitle>
      <DialogContent>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: 2, mt: 1 }}>
          {current.map((t) => (
            <Chip key={t} label={t} onDelete={() => setCurrent(current.filter((x) => x !== t))} />
          ))}
        </Stack>
        <TagInput label="Add a tag" exclude={current} onAdd={add} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={() =>
            onSave(
              current.filter((t) => !tags.includes(t)),
              tags.filter((t) => !current.includes(t)),
            )
          }
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
