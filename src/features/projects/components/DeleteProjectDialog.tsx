import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useProjectContents } from '../api/queries';

const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Words for a list of counts: "3 tasks, 1 model and 2 pipelines" (only the counts above zero). */
function listed(parts: [number, string, string?][]): string {
  const words = parts.filter(([n]) => n > 0).map(([n, one, many]) => counted(n, one, many));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}

/**
 * Says what deleting a project would delete (projects.validate_delete, sub-projects included) before it does,
 * as ClearML's dialog does: a project holding anything not archived is not deleted (archive or move it first);
 * one holding only archived tasks and models is deleted with them.
 */
export function DeleteProjectDialog({
  project,
  onClose,
  onDelete,
}: {
  project: { id: string; name: string } | null;
  onClose: () => void;
  onDelete: (contents: boolean) => void;
}) {
  const contents = useProjectContents(project?.id);
  const c = contents.data;
  const active = c
    ? listed([
        [c.non_archived_tasks, 'task'],
        [c.non_archived_models, 'model'],
        [c.non_archived_reports, 'report'],
        [c.pipelines, 'pipeline'],
        [c.datasets, 'dataset'],
      ])
    : '';
  const archived = c
    ? listed([
        [c.tasks - c.non_archived_tasks, 'archived task'],
        [c.models - c.non_archived_models, 'archived model'],
        [c.reports - c.non_archived_reports, 'archived report'],
      ])
    : '';
  return (
    <Dialog open={!!project} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="delete-project-title">
      <DialogTitle id="delete-project-title">Delete {project?.name}?</DialogTitle>
      <DialogContent>
        {contents.isPending && <Typography color="text.secondary">Counting what it holds…</Typography>}
        {contents.error && <Alert severity="error">{contents.error.message}</Alert>}
        {c && active && (
          <Alert severity="warning" aria-label="cannot delete">
            It holds {active} not archived, counting its sub-projects. Archive or move them first.
          </Alert>
        )}
        {c && !active && archived && (
          <Typography aria-label="what is deleted">
            Its {archived} (sub-projects included) are deleted with it, their outputs too. This cannot be undone.
          </Typography>
        )}
        {c && !active && !archived && <Typography aria-label="what is deleted">The project is empty.</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color="error" disabled={!c || !!active} onClick={() => onDelete(!!archived)}>
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
