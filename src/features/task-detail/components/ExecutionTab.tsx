import Box from '@mui/material/Box';
import { outputDestinationProblem } from '../../../shared/output-destination';
import { useViewerBlocker } from '../../../client/current-user';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { ApiCallError } from '../../../client';
import { CodeEditor, fitHeight } from '../../../components/code-editor/CodeEditor';
import type { Script, Task } from '../../../shared/api/records';
import { actionBlocker } from '../../../shared/task-actions';
import { useEditTask } from '../api/mutations';
import { EditBar } from './EditBar';
import { KeyValues } from './KeyValues';
import { Section } from './Section';

const FIELDS: { key: keyof Script; label: string }[] = [
  { key: 'repository', label: 'Repository' },
  { key: 'branch', label: 'Branch' },
  // A git tag to check out (the agent takes it over the branch), as ClearML's "branch or tag".
  { key: 'tag', label: 'Tag' },
  { key: 'version_num', label: 'Commit' },
  { key: 'entry_point', label: 'Entry point' },
  { key: 'working_dir', label: 'Working directory' },
  { key: 'binary', label: 'Binary' },
];

interface Draft {
  script: Record<string, string>;
  pip: string;
  diff: string;
  image: string;
  args: string;
  /** What clearml-agent runs in the container before the task (docker mode). */
  setup: string;
  output: string;
}

export function ExecutionTab({ task }: { task: Task }) {
  const s = task.script ?? {};
  // Node tasks list npm packages, Python tasks pip ones.
  const reqs = (s.requirements ?? {}) as { pip?: string; npm?: string; org_pip?: string };
  const reqKey: 'pip' | 'npm' = !reqs.pip && typeof reqs.npm === 'string' ? 'npm' : 'pip';
  const pip = reqs[reqKey] ?? '';
  // An agent that installed the packages records what it installed and keeps the task's own list.
  const original = reqKey === 'pip' && typeof reqs.org_pip === 'string' ? reqs.org_pip : null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const edit = useEditTask(task.id);
  const why = useViewerBlocker() ?? actionBlocker('edit', task);

  async function save() {
    if (!draft) return;
    const badOutput = outputDestinationProblem(draft.output);
    if (badOutput) return setError(`Output destination: ${badOutput}`);
    setError(null);
    try {
      const container = task.container ?? {};
      const containerChanged =
        draft.image !== (container.image ?? '') ||
        draft.args !== (container.arguments ?? '') ||
        draft.setup !== (container.setup_shell_script ?? '');
      const outputChanged = draft.output !== (task.output?.destination ?? '');
      await edit.mutateAsync({
        script: { ...draft.script, diff: draft.diff, requirements: { ...(s.requirements ?? {}), [reqKey]: draft.pip } },
        ...(containerChanged
          ? { container: { ...container, image: draft.image, arguments: draft.args, setup_shell_script: draft.setup } }
          : {}),
        ...(outputChanged ? { output_dest: draft.output } : {}),
      });
      setDraft(null);
    } catch (e) {
      setError(e instanceof ApiCallError ? e.detail : (e as Error).message);
    }
  }

  const bar = (
    <EditBar
      label="execution"
      editing={!!draft}
      canEdit={!why}
      whyNot={why ?? ''}
      saving={edit.isPending}
      invalid={null}
      error={error}
      onEdit={() =>
        setDraft({
          script: Object.fromEntries(FIELDS.map((f) => [f.key, String(s[f.key] ?? '')])),
          pip,
          diff: s.diff ?? '',
          image: task.container?.image ?? '',
          args: task.container?.arguments ?? '',
          setup: task.container?.setup_shell_script ?? '',
          output: task.output?.destination ?? '',
        })
      }
      onSave={() => void save()}
      onCancel={() => {
        setDraft(null);
        setError(null);
      }}
    />
  );

  return (
    <Box>
      <Section title="Source code" actions={bar}>
        {draft ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 2, mt: 1 }}>
            {FIELDS.map((f) => (
              <TextField
                key={f.key}
                size="small"
                label={f.label}
                value={draft.script[f.key]}
                onChange={(e) => setDraft({ ...draft, script: { ...draft.script, [f.key]: e.target.value } })}
              />
            ))}
            <TextField
              size="small"
              label="Container image"
              value={draft.image}
              onChange={(e) => setDraft({ ...draft, image: e.target.value })}
            />
            <TextField
              size="small"
              label="Container arguments"
              value={draft.args}
              onChange={(e) => setDraft({ ...draft, args: e.target.value })}
            />
            <TextField
              size="small"
              label="Output destination"
              value={draft.output}
              error={!!outputDestinationProblem(draft.output)}
              helperText={outputDestinationProblem(draft.output) ?? undefined}
              onChange={(e) => setDraft({ ...draft, output: e.target.value })}
            />
          </Box>
        ) : (
          <KeyValues
            items={[
              ...FIELDS.map((f) => ({
                label: f.label,
                value: String(s[f.key] ?? ''),
                copy: f.key === 'version_num' || f.key === 'repository' ? String(s[f.key] ?? '') || undefined : undefined,
              })),
              { label: 'Container', value: [task.container?.image, task.container?.arguments].filter(Boolean).join(' ') },
              { label: 'Output destination', value: task.output?.destination ?? '' },
            ]}
          />
        )}
      </Section>
      <Section title="Uncommitted changes">
        {draft ? (
          <>
            <Button size="small" disabled={!draft.diff} onClick={() => setDraft({ ...draft, diff: '' })} sx={{ mb: 1 }}>
              Discard the changes
            </Button>
            <CodeEditor
              aria-label="uncommitted changes"
              value={draft.diff}
              language="diff"
              readOnly={false}
              onChange={(v) => setDraft({ ...draft, diff: v })}
              height={280}
            />
          </>
        ) : s.diff ? (
          <CodeEditor aria-label="uncommitted changes" value={s.diff} language="diff" height={fitHeight(s.diff, 360)} />
        ) : (
          <Box color="text.secondary">No uncommitted changes were recorded.</Box>
        )}
      </Section>
      <Section title={`Installed packages (${reqKey})`}>
        {draft ? (
          <>
            <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
              {original !== null && (
                <Button size="small" disabled={draft.pip === original} onClick={() => setDraft({ ...draft, pip: original })}>
                  Reset to the original list
                </Button>
              )}
              <Button size="small" disabled={!draft.pip} onClick={() => setDraft({ ...draft, pip: '' })}>
                Clear
              </Button>
            </Box>
            <CodeEditor
              aria-label="installed packages"
              value={draft.pip}
              language="ini"
              readOnly={false}
              onChange={(v) => setDraft({ ...draft, pip: v })}
              height={280}
            />
          </>
        ) : pip ? (
          <CodeEditor aria-label="installed packages" value={pip} language="ini" height={280} />
        ) : (
          <Box color="text.secondary">No packages were recorded.</Box>
        )}
      </Section>
      <Section title="Container setup script">
        {draft ? (
          <CodeEditor
            aria-label="container setup script"
            value={draft.setup}
            language="shell"
            readOnly={false}
            onChange={(v) => setDraft({ ...draft, setup: v })}
            height={160}
          />
        ) : task.container?.setup_shell_script ? (
          <CodeEditor
            aria-label="container setup script"
            value={task.container.setup_shell_script}
            language="shell"
            height={fitHeight(task.container.setup_shell_script, 240)}
          />
        ) : (
          <Box color="text.secondary">
            No setup script: clearml-agent in docker mode runs one in the container before the task.
          </Box>
        )}
      </Section>
    </Box>
  );
}
