import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { CodeEditor } from '../../../components/code-editor/CodeEditor';
import { PanelSection } from '../../../components/PanelSection';
import { StatusBadge } from '../../../components/StatusBadge';
import { useUserNames } from '../../../components/UserName';
import type { Model } from '../../../shared/api/records';
import { useModel, useModelUsers, useTaskNames } from '../api/queries';
import { MetadataEditor } from './MetadataEditor';
import { ModelActions } from './ModelActions';
import { ModelPlots, ModelScalars } from './ModelMetrics';
import { MODEL_TABS, type ModelTab } from '../tabs';

/** The design as text: ClearML keeps it under `design.design` (a prototxt, a JSON, Keras' config...). */
export function designText(design: Record<string, unknown> | undefined): string {
  if (!design || !Object.keys(design).length) return '';
  if (typeof design.design === 'string') return design.design;
  return JSON.stringify(design, null, 2);
}

function General({ model, onOpenTask }: { model: Model; onOpenTask: ModelDetailProps['onOpenTask'] }) {
  const userName = useUserNames();
  const task = useTaskNames(model.task ? [model.task] : []).data?.get(model.task ?? '');
  const rows: [string, ReactNode][] = [
    ['ID', <code key="id">{model.id}</code>],
    ['Framework', model.framework ?? '—'],
    ['Status', model.ready ? 'Published' : 'Draft'],
    ['Created', new Date(model.created).toLocaleString()],
    ['Updated', new Date(model.last_update).toLocaleString()],
    ['User', userName(model.user)],
    [
      'Weights',
      model.uri ? (
        <code key="uri" style={{ wordBreak: 'break-all' }}>
          {model.uri}
        </code>
      ) : (
        '—'
      ),
    ],
    [
      'Created by task',
      model.task ? (
        <Link key="t" component="button" onClick={() => onOpenTask(task?.project ?? null, model.task!)}>
          {task?.name ?? model.task}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['Description', model.comment || '—'],
  ];
  return (
    <PanelSection title="General">
      <Table size="small" aria-label="model general">
        <TableBody>
          {rows.map(([k, v]) => (
            <TableRow key={k} data-field={k}>
              <TableCell sx={{ color: 'text.secondary', width: { xs: 96, sm: 180 } }}>{k}</TableCell>
              {/* An id or a description without spaces breaks anywhere rather than widen the page on a phone. */}
              <TableCell sx={{ overflowWrap: 'anywhere' }}>{v}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </PanelSection>
  );
}

/** Labels drawn at once: a model may hold 100k (a tokenizer's), and a table of them all holds the page for seconds. */
const LABELS_SHOWN = 500;

function Labels({ model }: { model: Model }) {
  const [search, setSearch] = useState('');
  const labels = useMemo(() => Object.entries(model.labels ?? {}).sort((a, b) => a[1] - b[1]), [model.labels]);
  const wanted = search.trim().toLowerCase();
  const matching = useMemo(
    () => (wanted ? labels.filter(([l, i]) => l.toLowerCase().includes(wanted) || String(i) === wanted) : labels),
    [labels, wanted],
  );
  const shown = matching.slice(0, LABELS_SHOWN);
  return (
    <PanelSection title="Labels">
      {!labels.length ? (
        <Typography color="text.secondary" role="status">
          No labels.
        </Typography>
      ) : (
        <>
          {labels.length > LABELS_SHOWN && (
            <TextField
              size="small"
              label="Find a label (name or id)"
              value={search}
              onChange={(e) => setSearch(e.target.value.slice(0, 200))}
              sx={{ mb: 1, width: 320, maxWidth: '100%' }}
            />
          )}
          <Table size="small" aria-label="labels" sx={{ tableLayout: 'fixed' }}>
            <TableHead>
              <TableRow>
                <TableCell>Label</TableCell>
                <TableCell align="right" sx={{ width: 120 }}>
                  Id
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map(([l, i]) => (
                <TableRow key={l}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{l}</TableCell>
                  <TableCell align="right">{i}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {matching.length > shown.length && (
            <Typography color="text.secondary" role="status" sx={{ mt: 1 }}>
              {`The first ${shown.length.toLocaleString('en-US')} of ${matching.length.toLocaleString('en-US')} labels${wanted ? ' found' : ''}: find a label to see the others.`}
            </Typography>
          )}
          {wanted && !matching.length && (
            <Typography color="text.secondary" role="status" sx={{ mt: 1 }}>
              No label holds “{search.trim()}”.
            </Typography>
          )}
        </>
      )}
    </PanelSection>
  );
}

function Lineage({ model, onOpenTask }: { model: Model; onOpenTask: ModelDetailProps['onOpenTask'] }) {
  const creator = useTaskNames(model.task ? [model.task] : []).data?.get(model.task ?? '');
  const users = useModelUsers(model);
  return (
    <>
      <PanelSection title="Created by">
        {model.task ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <Link component="button" onClick={() => onOpenTask(creator?.project ?? null, model.task!)}>
              {creator?.name ?? model.task}
            </Link>
            {creator && <StatusBadge status={creator.status} />}
          </Box>
        ) : (
          <Typography color="text.secondary">Not recorded (an imported model).</Typography>
        )}
      </PanelSection>
      <PanelSection title="Used by">
        {users.isPending && model.project ? (
          <CircularProgress size={20} />
        ) : !users.data?.length ? (
          <Typography color="text.secondary" role="status">
            No task of this project takes it as an input model.
          </Typography>
        ) : (
          <Table size="small" aria-label="tasks using the model">
            <TableBody>
              {users.data.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>
                    <Link component="button" onClick={() => onOpenTask(t.project, t.id)}>
                      {t.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={t.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </PanelSection>
    </>
  );
}

export interface ModelDetailProps {
  modelId: string;
  tab: ModelTab;
  onTab: (tab: ModelTab) => void;
  onOpenTask: (projectId: string | null, taskId: string) => void;
  onDeleted: () => void;
}

/** A model's page: general info, labels, editable metadata, network design, lineage, and its own scalars and plots. */
export function ModelDetail({ modelId, tab, onTab, onOpenTask, onDeleted }: ModelDetailProps) {
  const model = useModel(modelId);
  if (model.isPending) return <CircularProgress aria-label="loading model" />;
  if (model.isError)
    return (
      <Typography color="error" role="alert">
        Could not load the model: {model.error.message}
      </Typography>
    );
  const m = model.data;
  const design = designText(m.design);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {m.name}
        </Typography>
        <Chip
          size="small"
          label={m.ready ? 'Published' : 'Draft'}
          color={m.ready ? 'secondary' : 'default'}
          data-ready={m.ready}
        />
        {(m.system_tags ?? []).includes('archived') && <Chip size="small" label="Archived" />}
        {(m.tags ?? []).map((t) => (
          <Chip key={t} size="small" variant="outlined" label={t} />
        ))}
        <Box sx={{ flex: 1 }} />
        <ModelActions models={[m]} onDeleted={onDeleted} />
      </Box>
      <Tabs
        value={tab}
        onChange={(_, v: ModelTab) => onTab(v)}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
        variant="scrollable"
      >
        {MODEL_TABS.map((t) => (
          <Tab key={t} value={t} label={t} />
        ))}
      </Tabs>
      {tab === 'general' && <General model={m} onOpenTask={onOpenTask} />}
      {tab === 'labels' && <Labels model={m} />}
      {tab === 'metadata' && (
        <PanelSection title="Metadata">
          <MetadataEditor model={m} />
        </PanelSection>
      )}
      {tab === 'network' && (
        <PanelSection title="Network design">
          {design ? (
            <CodeEditor
              value={design}
              language={design.trimStart().startsWith('{') ? 'json' : 'plaintext'}
              readOnly
              height={480}
              aria-label="network design"
            />
          ) : (
            <Typography color="text.secondary" role="status">
              No network design was stored with this model.
            </Typography>
          )}
        </PanelSection>
      )}
      {tab === 'lineage' && <Lineage model={m} onOpenTask={onOpenTask} />}
      {tab === 'scalars' && <ModelScalars modelId={m.id} />}
      {tab === 'plots' && <ModelPlots modelId={m.id} />}
    </Box>
  );
}
