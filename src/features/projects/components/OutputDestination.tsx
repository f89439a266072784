import { PanelHeading } from './PanelHeading';
import { outputDestinationProblem } from '../../../shared/output-destination';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useProjectById, useSetOutputDestination } from '../api/queries';

/** Longer than any storage URL a team would type; the server caps strings anyway. */
const MAX_LENGTH = 1024;

/**
 * The project's default output destination (ClearML's project setting): where the ClearML SDK uploads the models and
 * artifacts of this project's tasks when the script gives no `output_uri`, an agent's runs included.
 */
export function OutputDestination({ projectId }: { projectId: string }) {
  const project = useProjectById(projectId);
  const set = useSetOutputDestination(projectId);
  const [draft, setDraft] = useState<string | null>(null);
  const value = project.data?.default_output_destination ?? '';
  const problem = draft === null ? null : outputDestinationProblem(draft);
  const save = () => draft !== null && !problem && set.mutate(draft.trim(), { onSuccess: () => setDraft(null) });
  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 960 }} data-output-destination>
      <PanelHeading
        title="Default output destination"
        editing={draft !== null}
        ready={!!project.data}
        action="Change"
        onEdit={() => setDraft(value)}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Where the ClearML SDK uploads the models and artifacts of this project&apos;s tasks when a script names no output_uri, on
        an agent too.
      </Typography>
      {draft !== null ? (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
          <TextField
            autoFocus
            size="small"
            fullWidth
            value={draft}
            onChange={(e) => setDraft(e.target.value.slice(0, MAX_LENGTH))}
            onKeyDown={(e) => e.key === 'Enter' && save()}
            placeholder="s3://bucket/models, gs://…, azure://…, or a file server URL"
            error={!!problem}
            helperText={problem ?? "Empty: each script's own output_uri, or none."}
            slotProps={{ htmlInput: { 'aria-label': 'Default output destination' } }}
          />
          <Button onClick={() => setDraft(null)} disabled={set.isPending}>
            Cancel
          </Button>
          <Button variant="contained" onClick={save} disabled={set.isPending || !!problem || draft.trim() === value}>
            Save
          </Button>
        </Box>
      ) : value ? (
        <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-value>
          {value}
        </Typography>
      ) : (
        <Typography color="text.secondary">
          {project.isPending
            ? 'Loading…'
            : 'Not set: each script decides (its output_uri; without one, files stay on the machine that ran it).'}
        </Typography>
      )}
    </Paper>
  );
}
