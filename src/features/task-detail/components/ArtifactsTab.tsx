import DownloadIcon from '@mui/icons-material/Download';
import { useCanWrite } from '../../../client/current-user';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { useState, type ReactNode } from 'react';
import { CodeEditor, fitHeight } from '../../../components/code-editor/CodeEditor';
import type { Artifact, Model, Task } from '../../../shared/api/records';
import { useApiClient } from '../../../client/react';
import { useModels } from '../api/queries';
import { useEditTask } from '../api/mutations';
import { InputModelDialog } from './InputModelDialog';
import { actionBlocker } from '../../../shared/task-actions';
import { ApiCallError } from '../../../client';
import { safeHref, storedLink } from '../../../shared/urls';
import { CopyableUrl } from '../../../components/CopyableUrl';
import { ShowMore } from '../../../components/ShowMore';
import { fetchBytes, fileNameOf, saveBytes } from '../lib/files';
import { formatBytes, formatDate } from '../lib/format';
import { ArtifactPreview } from './ArtifactPreview';
import { EmptyState } from './EmptyState';
import { KeyValues } from './KeyValues';
import { AppLink, useDetailLinks } from './links';
import { Section } from './Section';

/**
 * Our own files download with the session; another host's file is a plain link; our host on another port (which
 * would receive our cookie) is text with a copy button; a non-http(s) URI is already shown in the card.
 */
function DownloadButton({ uri, label }: { uri: string; label: string }) {
  const client = useApiClient();
  const link = storedLink(uri);
  if (link.kind === 'text')
    return safeHref(uri) ? <CopyableUrl url={uri} label={label} title="another port of this host" /> : null;
  if (link.kind === 'link') {
    return (
      <Link
        href={link.href}
        target="_blank"
        rel="noopener noreferrer"
        referrerPolicy="no-referrer"
        aria-label={`open ${label}`}
        sx={{ fontSize: 13 }}
      >
        Open on its host
      </Link>
    );
  }
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      aria-label={`download ${label}`}
      onClick={async () => saveBytes(await fetchBytes(client, uri.replace(/ /g, '%20')), fileNameOf(uri))}
    >
      Download
    </Button>
  );
}

function ArtifactCard({ a }: { a: Artifact }) {
  return (
    <Section title={`${a.key}`} actions={a.uri ? <DownloadButton uri={a.uri} label={a.key} /> : undefined}>
      <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
        <Chip size="small" label={a.type} />
        <Chip size="small" variant="outlined" label={a.mode ?? 'output'} />
      </Box>
      <KeyValues
        items={[
          { label: 'File', value: a.uri ?? '', copy: a.uri ?? undefined },
          { label: 'Size', value: formatBytes(a.content_size) },
          { label: 'Hash (SHA-256)', value: a.hash ?? '' },
          { label: 'Uploaded', value: a.timestamp ? formatDate(new Date(a.timestamp * 1000).toISOString()) : '' },
        ]}
      />
      {!!a.display_data?.length && (
        <Table size="small" aria-label={`metadata ${a.key}`} sx={{ mb: 1, maxWidth: 600 }}>
          <TableBody>
            {a.display_data.map(([k, v]) => (
              <TableRow key={k}>
                <TableCell sx={{ color: 'text.secondary' }}>{k}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{String(v)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {a.uri && <ArtifactPreview artifact={a} />}
    </Section>
  );
}

function ModelCard({
  name,
  model,
  role,
  loading,
  edit,
}: {
  name: string;
  model?: Model;
  role: string;
  loading: boolean;
  /** A Draft's input model: replaced or removed from here. */
  edit?: ReactNode;
}) {
  const links = useDetailLinks();
  if (!model)
    return (
      <Section title={`${role} model: ${name}`} actions={edit}>
        {/* Not found is said only once the models have loaded: said meanwhile, it was wrong for a moment each time. */}
        <Box color="text.secondary">{loading ? 'Loading…' : 'This model no longer exists.'}</Box>
      </Section>
    );
  const design =
    typeof model.design?.design === 'string' ? (model.design.design as string) : JSON.stringify(model.design ?? {}, null, 2);
  const page = links.model?.(model.id);
  return (
    <Section
      title={`${role} model: ${name}`}
      actions={
        <>
          {page && <AppLink href={page}>Model page</AppLink>}
          {model.uri && <DownloadButton uri={model.uri} label={model.name} />}
          {edit}
        </>
      }
    >
      <KeyValues
        items={[
          { label: 'Name', value: model.name },
          { label: 'Id', value: model.id, copy: model.id },
          { label: 'Framework', value: model.framework ?? '' },
          { label: 'URI', value: model.uri ?? '', copy: model.uri ?? undefined },
          {
            label: 'Labels',
            value: Object.entries(model.labels ?? {})
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
          },
          { label: 'Ready', value: model.ready ? 'yes (published)' : 'no (draft)' },
          { label: 'Created', value: formatDate(model.created) },
        ]}
      />
      {design && design !== '{}' && (
        <CodeEditor aria-label={`design ${model.name}`} value={design} language="plaintext" height={fitHeight(design, 160)} />
      )}
    </Section>
  );
}

/**
 * Cards drawn at first, and added by each "Show more": each previews its file (a fetch) or draws a model's design,
 * and a task of 20,000 artifacts held the page for minutes.
 */
const CARDS_STEP = 50;

export function ArtifactsTab({ task }: { task: Task }) {
  const [limit, setLimit] = useState(CARDS_STEP);
  const refs = [
    ...task.models.input.map((m) => ({ ...m, role: 'Input' })),
    ...task.models.output.map((m) => ({ ...m, role: 'Output' })),
  ];
  const models = useModels(refs.map((r) => r.model));
  const edit = useEditTask(task.id);
  // Input models are the Draft's to change, as in ClearML; a refusal comes back in place.
  const draft = useCanWrite() && actionBlocker('edit', task) === null;
  const [picking, setPicking] = useState<{ replace?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setInputs = (input: { model: string; name: string }[]) => {
    setError(null);
    edit.mutate({ models: { input } }, { onError: (e) => setError(e instanceof ApiCallError ? e.detail : (e as Error).message) });
  };
  const inputs = task.models.input.map((m) => ({ model: m.model, name: m.name }));
  const artifacts = task.execution.artifacts ?? [];
  const addModel = draft && (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }}>
      <Button size="small" variant="outlined" onClick={() => setPicking({})}>
        Add input model
      </Button>
      {error && (
        <Alert severity="error" role="alert" sx={{ py: 0 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
  const dialog = (
    <InputModelDialog
      open={!!picking}
      title={picking?.replace ? `Replace input model ${picking.replace}` : 'Add an input model'}
      initialName={picking?.replace}
      onClose={() => setPicking(null)}
      onPick={(ref) => {
        const replaced = picking?.replace;
        setPicking(null);
        setInputs(
          replaced ? inputs.map((m) => (m.name === replaced ? ref : m)) : [...inputs.filter((m) => m.name !== ref.name), ref],
        );
      }}
    />
  );
  if (!artifacts.length && !refs.length)
    return (
      <Box>
        {addModel}
        {dialog}
        <EmptyState
          title="No artifacts or models"
          hint="Files the task uploads with upload_artifact, and its models, appear here."
        />
      </Box>
    );
  // Models first, then input artifacts, then output ones, as many as the limit takes.
  const shownRefs = refs.slice(0, limit);
  const room = (used: number) => Math.max(0, limit - used);
  const input = artifacts.filter((a) => a.mode === 'input').slice(0, room(shownRefs.length));
  const output = artifacts.filter((a) => a.mode !== 'input').slice(0, room(shownRefs.length + input.length));
  const hidden = refs.length + artifacts.length - shownRefs.length - input.length - output.length;
  return (
    <Box>
      {addModel}
      {dialog}
      {shownRefs.map((r) => (
        <ModelCard
          key={`${r.role}/${r.name}`}
          name={r.name}
          role={r.role}
          model={models.data?.find((m) => m.id === r.model)}
          loading={models.isPending}
          edit={
            draft && r.role === 'Input' ? (
              <>
                <Button size="small" onClick={() => setPicking({ replace: r.name })} aria-label={`replace input model ${r.name}`}>
                  Replace
                </Button>
                <Button
                  size="small"
                  color="error"
                  onClick={() => setInputs(inputs.filter((m) => m.name !== r.name))}
                  aria-label={`remove input model ${r.name}`}
                >
                  Remove
                </Button>
              </>
            ) : undefined
          }
        />
      ))}
      {input.map((a) => (
        <ArtifactCard key={`in/${a.key}`} a={a} />
      ))}
      {output.map((a) => (
        <ArtifactCard key={`out/${a.key}`} a={a} />
      ))}
      <ShowMore hidden={hidden} step={CARDS_STEP} noun="models and artifacts" onMore={() => setLimit(limit + CARDS_STEP)} />
    </Box>
  );
}
