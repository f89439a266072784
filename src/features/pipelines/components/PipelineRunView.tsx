import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useViewerBlocker } from '../../../client/current-user';
import { ReadOnlyTip } from '../../../components/ReadOnlyTip';
import StopIcon from '@mui/icons-material/Stop';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState } from 'react';
import { dagChartOption, dagHeight, type DagNode } from '../../../components/chart/dag';
import { EChart } from '../../../components/chart/EChart';
import { StatusBadge } from '../../../components/StatusBadge';
import { STATUS_LABELS, type TaskStatus } from '../../../shared/task-state';
import { usePipelineRun } from '../api/queries';
import { AbortRunDialog } from './AbortRunDialog';
import { NewRunDialog } from './NewRunDialog';
import { statusColor, type ResolvedStep } from '../lib/pipeline-state';
import TableContainer from '@mui/material/TableContainer';

const labelOf = (status: string) => STATUS_LABELS[status as TaskStatus] ?? status;

function StepGraph({ steps, onOpen }: { steps: ResolvedStep[]; onOpen: (s: ResolvedStep) => void }) {
  const nodes = useMemo(
    (): DagNode[] =>
      steps.map((s) => ({
        id: s.name,
        label: `${s.name} · ${labelOf(s.status)}`,
        parents: s.parents,
        color: statusColor(s.status),
        details: [`status: ${labelOf(s.status)}`, ...(s.task ? [`task: ${s.task.id}`] : ['not launched yet'])],
      })),
    [steps],
  );
  const option = useMemo(() => dagChartOption(nodes), [nodes]);
  // The chart binds its click handler once; it reads the latest steps.
  const latest = useRef({ steps, onOpen });
  latest.current = { steps, onOpen };
  return (
    <EChart
      option={option}
      height={dagHeight(nodes)}
      aria-label="pipeline steps"
      onReady={(c) =>
        c.on('click', (p) => {
          const id = (p.data as { id?: string } | undefined)?.id;
          const step = latest.current.steps.find((s) => s.name === id);
          if (p.dataType === 'node' && step) latest.current.onOpen(step);
        })
      }
    />
  );
}

/** A pipeline run: its steps as a graph coloured by each step task's live status; a step opens its task. */
export function PipelineRunView({
  id,
  onOpenTask,
  onOpenRun,
}: {
  id: string;
  onOpenTask: (projectId: string | null, taskId: string) => void;
  /** Opens another run (a new one, once started). */
  onOpenRun: (runId: string) => void;
}) {
  const run = usePipelineRun(id);
  const [newRun, setNewRun] = useState(false);
  const [aborting, setAborting] = useState(false);
  const viewer = useViewerBlocker();
  if (run.isPending) return <CircularProgress aria-label="loading pipeline" />;
  if (run.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the pipeline run: {run.error.message}
      </Typography>
    );
  const { controller, steps } = run.data;
  const open = (s: ResolvedStep) => s.task && onOpenTask(s.task.project, s.task.id);
  const isLive = (status: string) => status === 'queued' || status === 'in_progress';
  const live = isLive(controller.status);
  const liveSteps = steps.filter((s) => s.task && isLive(s.status)).length;
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2 }}>
        <Typography variant="h5" component="h1">
          {controller.name}
        </Typography>
        <StatusBadge status={controller.status} />
        {typeof controller.runtime?.version === 'string' && (
          <Typography color="text.secondary">version {controller.runtime.version}</Typography>
        )}
        <Link component="button" onClick={() => onOpenTask(controller.project, controller.id)}>
          controller task
        </Link>
        <Box sx={{ flex: 1 }} />
        {(live || liveSteps > 0) && (
          <ReadOnlyTip>
            <Button
              variant="outlined"
              color="error"
              startIcon={<StopIcon />}
              disabled={!!viewer}
              onClick={() => setAborting(true)}
            >
              Abort run
            </Button>
          </ReadOnlyTip>
        )}
        <ReadOnlyTip>
          <Button variant="contained" startIcon={<PlayArrowIcon />} disabled={!!viewer} onClick={() => setNewRun(true)}>
            New run
          </Button>
        </ReadOnlyTip>
      </Box>
      <AbortRunDialog controller={controller} liveSteps={liveSteps} open={aborting} onClose={() => setAborting(false)} />
      <NewRunDialog
        controller={controller}
        open={newRun}
        onClose={() => setNewRun(false)}
        onStarted={(runId) => {
          setNewRun(false);
          onOpenRun(runId);
        }}
      />
      {!steps.length ? (
        <Typography color="text.secondary" role="status">
          The controller has not recorded its steps (no "Pipeline" configuration).
        </Typography>
      ) : (
        <>
          <Paper variant="outlined" sx={{ p: 1, mb: 2 }}>
            <StepGraph steps={steps} onOpen={open} />
          </Paper>
          <Paper variant="outlined">
            <TableContainer>
              <Table size="small" aria-label="pipeline step list">
                <TableHead>
                  <TableRow>
                    <TableCell>Step</TableCell>
                    <TableCell>After</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Parameters</TableCell>
                    <TableCell>Task</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {steps.map((s) => (
                    <TableRow key={s.name} data-step={s.name}>
                      <TableCell sx={{ fontWeight: 600 }}>{s.name}</TableCell>
                      <TableCell>{s.parents.join(', ') || '—'}</TableCell>
                      <TableCell data-status={s.status}>{labelOf(s.status)}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                        {Object.entries(s.parameters)
                          .map(([k, v]) => `${k}=${v}`)
                          .join(', ') || '—'}
                      </TableCell>
                      <TableCell>
                        {s.task ? (
                          <Link component="button" onClick={() => open(s)}>
                            open task
                          </Link>
                        ) : (
                          <Typography variant="body2" color="text.secondary">
                            not launched
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Paper>
        </>
      )}
    </Box>
  );
}
