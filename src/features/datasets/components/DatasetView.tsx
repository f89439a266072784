import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, type ReactNode } from 'react';
import { dagChartOption, dagHeight } from '../../../components/chart/dag';
import { EChart } from '../../../components/chart/EChart';
import { PanelSection } from '../../../components/PanelSection';
import { StatusBadge } from '../../../components/StatusBadge';
import { isUnknownId } from '../../../components/NotFound';
import type { Task } from '../../../shared/api/records';
import { useConsoleTail, useVersion, useVersions } from '../api/queries';
import {
  datasetSummary,
  filesInChunks,
  formatBytes,
  mergeLineage,
  parseDatasetContent,
  parseDatasetStruct,
  sdkGetLine,
  type LineageEntry,
} from '../lib/dataset-state';

const STATUS_COLORS: Record<string, string> = {
  completed: '#2e7d32',
  published: '#6a1b9a',
  in_progress: '#1976d2',
  failed: '#c62828',
  stopped: '#ef6c00',
};

/** The versions' genealogy: each version an arrow from each parent. */
function Lineage({
  entries,
  live,
  selected,
  onSelect,
}: {
  entries: LineageEntry[];
  live: Map<string, string>;
  selected?: string;
  onSelect: (id: string) => void;
}) {
  const nodes = useMemo(
    () =>
      entries.map((e) => {
        const status = live.get(e.id) ?? e.status;
        return {
          id: e.id,
          label: `${e.name} ${e.version}`.trim(),
          parents: e.parents,
          color: STATUS_COLORS[status],
          selected: e.id === selected,
          details: [`status: ${status}`, `id: ${e.id}`, ...(e.size !== null ? [`size: ${formatBytes(e.size)}`] : [])],
        };
      }),
    [entries, live, selected],
  );
  const option = useMemo(() => dagChartOption(nodes), [nodes]);
  // The chart binds its click handler once; it calls the latest onSelect.
  const select = useRef(onSelect);
  select.current = onSelect;
  return (
    <EChart
      option={option}
      height={dagHeight(nodes)}
      aria-label="dataset lineage"
      onReady={(c) =>
        c.on('click', (p) => {
          const id = (p.data as { id?: string } | undefined)?.id;
          if (p.dataType === 'node' && id) select.current(id);
        })
      }
    />
  );
}

function Summary({ task }: { task: Task }) {
  const s = datasetSummary(task.runtime);
  const line = sdkGetLine(task.id);
  const cells: [string, ReactNode][] = [
    ['Version', s.version || '—'],
    ['Status', <StatusBadge key="s" status={task.status} />],
    ['Files', s.fileCount ?? '—'],
    ['Total size', formatBytes(s.totalSize)],
    ['Compressed', formatBytes(s.compressedSize)],
    ['Added', s.added ?? '—'],
    ['Removed', s.removed ?? '—'],
    ['Modified', s.modified ?? '—'],
    ['Size change', s.sizeChange === null ? '—' : `${s.sizeChange > 0 ? '+' : ''}${formatBytes(s.sizeChange)}`],
  ];
  return (
    <PanelSection title="Version summary">
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1, m: 0 }}>
        {cells.map(([k, v]) => (
          <Box key={k} data-summary={k}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {k}
            </Typography>
            <Typography component="dd" sx={{ m: 0, fontWeight: 600 }}>
              {v}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 2 }}>
        <Typography variant="caption" color="text.secondary">
          Fetch it:
        </Typography>
        <Box
          component="code"
          aria-label="sdk line"
          sx={{ fontFamily: 'monospace', bgcolor: 'action.hover', px: 1, py: 0.5, borderRadius: 1 }}
        >
          {line}
        </Box>
        <Tooltip title="Copy">
          <IconButton
            size="small"
            aria-label="copy sdk line"
            onClick={() => void navigator.clipboard?.writeText(`from clearml import Dataset\nds = ${line}`)}
          >
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
    </PanelSection>
  );
}

function Files({ task }: { task: Task }) {
  const files = useMemo(() => parseDatasetContent(task.configuration?.['Dataset Content']?.value), [task]);
  const own = useMemo(() => filesInChunks(task), [task]);
  return (
    <PanelSection title="Files">
      {!files.length ? (
        <Typography color="text.secondary" role="status">
          The file list appears once the version is finalized.
        </Typography>
      ) : (
        <Table size="small" aria-label="dataset files">
          <TableHead>
            <TableRow>
              <TableCell>File</TableCell>
              <TableCell align="right">Size</TableCell>
              <TableCell>In this version</TableCell>
              <TableCell>Hash (SHA2)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {files.map((f) => (
              <TableRow key={f.path} data-file={f.path}>
                <TableCell sx={{ fontFamily: 'monospace' }}>{f.path}</TableCell>
                <TableCell align="right">{formatBytes(f.size)}</TableCell>
                <TableCell>{own.has(f.path) ? 'added or changed' : 'from a parent'}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, color: 'text.secondary' }}>
                  {f.hash.slice(0, 16)}…
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </PanelSection>
  );
}

function Console({ task }: { task: Task }) {
  const log = useConsoleTail(task.id, task.status === 'in_progress');
  const lines = log.data?.lines ?? [];
  return (
    <PanelSection title="Console">
      {log.isPending ? (
        <CircularProgress size={20} />
      ) : !lines.length ? (
        <Typography color="text.secondary" role="status">
          Nothing was logged.
        </Typography>
      ) : (
        <Box
          component="pre"
          role="log"
          sx={{ m: 0, maxHeight: 300, overflow: 'auto', fontSize: 12.5, fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
        >
          {lines.map((l) => l.text).join('\n')}
        </Box>
      )}
    </PanelSection>
  );
}

export interface DatasetViewProps {
  projectId: string;
  /** The version shown below the graph; the newest one when not given. */
  version?: string;
  onVersion: (id: string) => void;
  onOpenTask: (projectId: string | null, taskId: string) => void;
}

/** One dataset: its versions as a lineage graph, and the picked version's summary, files and console. */
export function DatasetView({ projectId, version, onVersion, onOpenTask }: DatasetViewProps) {
  const versions = useVersions(projectId);
  const current = version ?? versions.data?.[0]?.id;
  const task = useVersion(current);
  const lineage = useMemo(
    () => mergeLineage((versions.data ?? []).map((v) => parseDatasetStruct(v.configuration?.['Dataset Struct']?.value))),
    [versions.data],
  );
  // Versions without a genealogy yet (just created) still get a node.
  const entries = useMemo(() => {
    const known = new Set(lineage.map((e) => e.id));
    const extra = (versions.data ?? [])
      .filter((v) => !known.has(v.id))
      .map((v) => ({
        id: v.id,
        name: v.name,
        version: datasetSummary(v.runtime).version,
        status: v.status,
        parents: [],
        size: null,
      }));
    return [...lineage, ...extra];
  }, [lineage, versions.data]);
  const live = useMemo(() => new Map((versions.data ?? []).map((v) => [v.id, v.status as string])), [versions.data]);

  if (versions.isPending) return <CircularProgress aria-label="loading versions" />;
  if (versions.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the versions: {versions.error.message}
      </Typography>
    );
  if (!versions.data.length)
    return (
      <Typography color="text.secondary" role="status">
        This dataset has no versions.
      </Typography>
    );
  return (
    <Box>
      <PanelSection title="Lineage">
        <Lineage entries={entries} live={live} selected={current} onSelect={(id) => live.has(id) && onVersion(id)} />
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }} role="list" aria-label="versions">
          {versions.data.map((v) => (
            <Button
              key={v.id}
              role="listitem"
              size="small"
              variant={v.id === current ? 'contained' : 'outlined'}
              aria-current={v.id === current ? 'true' : undefined}
              onClick={() => onVersion(v.id)}
            >
              {datasetSummary(v.runtime).version || v.id.slice(0, 8)}
            </Button>
          ))}
        </Box>
      </PanelSection>
      {isUnknownId(task.error) && (
        // Deleted while in view (the page's notice no longer says what a shown query lost): said here.
        <Typography role="alert" color="text.secondary">
          This version no longer exists: it was deleted.
        </Typography>
      )}
      {task.data && !isUnknownId(task.error) && (
        <>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
            <Typography variant="h6" component="h2">
              {task.data.name} {datasetSummary(task.data.runtime).version}
            </Typography>
            <Button size="small" onClick={() => onOpenTask(task.data.project, task.data.id)}>
              Open its task
            </Button>
          </Box>
          <Summary task={task.data} />
          <Files task={task.data} />
          <Console task={task.data} />
        </>
      )}
    </Box>
  );
}
