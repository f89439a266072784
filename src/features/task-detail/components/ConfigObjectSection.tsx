import Box from '@mui/material/Box';
import { useViewerBlocker } from '../../../client/current-user';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { ApiCallError } from '../../../client';
import { CodeEditor, fitHeight } from '../../../components/code-editor/CodeEditor';
import { languageFor } from '../../../components/code-editor/languages';
import type { ConfigurationItem, Task } from '../../../shared/api/records';
import { actionBlocker } from '../../../shared/task-actions';
import { useTaskCall } from '../api/mutations';
import { CHECKING, loadYamlParser, validateConfig } from '../lib/config-validation';
import { EditBar } from './EditBar';
import { Section } from './Section';

/** A configuration object in Monaco; in a Draft, editable with syntax checks for JSON and YAML. */
export function ConfigObjectSection({
  task,
  item,
  changedFromParent,
}: {
  task: Task;
  item: ConfigurationItem;
  changedFromParent: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useTaskCall(task.id, 'tasks.edit_configuration');
  const remove = useTaskCall(task.id, 'tasks.delete_configuration');
  const [confirming, setConfirming] = useState(false);
  const language = languageFor(item.type);
  const why = useViewerBlocker() ?? actionBlocker('edit', task);
  const [, setParserLoaded] = useState(false);
  const problem = draft === null ? null : validateConfig(language, draft);
  const checking = problem === CHECKING;
  const invalid = checking ? null : problem;
  const value = draft ?? item.value;
  return (
    <Section
      title={`Configuration object: ${item.name}${item.type ? ` (${item.type})` : ''}${changedFromParent ? ' — changed from parent' : ''}`}
      actions={
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          {draft === null && !why && (
            <Button
              size="small"
              color="error"
              onClick={() => setConfirming(true)}
              aria-label={`delete configuration ${item.name}`}
            >
              Delete
            </Button>
          )}
          <EditBar
            label={`configuration ${item.name}`}
            editing={draft !== null}
            canEdit={!why}
            whyNot={why ?? ''}
            saving={save.isPending}
            invalid={checking ? 'Loading the YAML checker…' : invalid && `Not valid ${language.toUpperCase()}: ${invalid}`}
            error={error}
            onEdit={() => {
              setError(null);
              setDraft(item.value);
              if (language === 'yaml') void loadYamlParser().then(() => setParserLoaded(true));
            }}
            onSave={async () => {
              setError(null);
              try {
                await save.mutateAsync({
                  configuration: [{ name: item.name, value: draft, type: item.type, description: item.description }],
                });
                setDraft(null);
              } catch (e) {
                setError(e instanceof ApiCallError ? e.detail : (e as Error).message);
              }
            }}
            onCancel={() => {
              setDraft(null);
              setError(null);
            }}
          />
        </Box>
      }
    >
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={`delete-config-${item.name}`}>
        <DialogTitle id={`delete-config-${item.name}`}>Delete configuration object {item.name}?</DialogTitle>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() => {
              setConfirming(false);
              setError(null);
              remove
                .mutateAsync({ configuration: [item.name] })
                .catch((e) => setError(e instanceof ApiCallError ? e.detail : (e as Error).message));
            }}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
      {item.description && <Box sx={{ color: 'text.secondary', mb: 1 }}>{item.description}</Box>}
      {invalid && (
        <Box role="alert" sx={{ color: 'error.main', mb: 1, fontSize: 13 }}>
          Not valid {language.toUpperCase()}: {invalid}
        </Box>
      )}
      <CodeEditor
        aria-label={`configuration ${item.name}`}
        value={value}
        language={language}
        readOnly={draft === null}
        onChange={(v) => draft !== null && setDraft(v)}
        height={fitHeight(value, 480)}
      />
    </Section>
  );
}
