import { PanelHeading } from './PanelHeading';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Markdown } from '../../../components/Markdown';
import { useDescribeProject, useProjectById } from '../api/queries';

/** A project's description (Markdown): what the team wrote about it, edited in place by members. */
export function ProjectOverview({ projectId }: { projectId: string }) {
  const project = useProjectById(projectId);
  const describe = useDescribeProject(projectId);
  const [draft, setDraft] = useState<string | null>(null);
  const text = project.data?.description ?? '';
  const save = () => {
    if (draft === null) return;
    // Closed once saved; a refusal (shown by the app) leaves the draft open to be mended.
    describe.mutate(draft, { onSuccess: () => setDraft(null) });
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 960 }} data-project-overview>
      <PanelHeading
        title="Description"
        editing={draft !== null}
        ready={!!project.data}
        action="Edit"
        onEdit={() => setDraft(text)}
      />
      {draft !== null ? (
        <>
          <TextField
            autoFocus
            multiline
            fullWidth
            minRows={8}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            helperText="Markdown: # headings, **bold**, lists, `code`, [links](https://…)"
            slotProps={{ htmlInput: { 'aria-label': 'Project description (Markdown)' } }}
          />
          <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', mt: 1 }}>
            <Button onClick={() => setDraft(null)} disabled={describe.isPending}>
              Cancel
            </Button>
            <Button variant="contained" onClick={save} disabled={describe.isPending || draft === text}>
              Save
            </Button>
          </Box>
        </>
      ) : text.trim() ? (
        <Markdown text={text} label="project description" />
      ) : (
        <Typography color="text.secondary">
          {project.isPending ? 'Loading…' : 'No description yet: what the project is for, how to run it, what was learned.'}
        </Typography>
      )}
    </Paper>
  );
}
