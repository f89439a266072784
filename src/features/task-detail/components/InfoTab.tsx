import Box from '@mui/material/Box';
import { useViewerBlocker } from '../../../client/current-user';
import Typography from '@mui/material/Typography';
import { Link } from '@tanstack/react-router';
import { CodeEditor } from '../../../components/code-editor/CodeEditor';
import { useUserNames } from '../../../components/UserName';
import type { Task } from '../../../shared/api/records';
import { useUpdateTask } from '../api/mutations';
import { useQueueName } from '../api/queries';
import { formatDate } from '../lib/format';
import { EditableText } from './EditableText';
import { KeyValues } from './KeyValues';
import { Section } from './Section';

const RUNTIME_LABELS: Record<string, string> = {
  platform: 'Platform',
  python_version: 'Python',
  os: 'OS',
  hostname: 'Host',
  cpu_cores: 'CPU cores',
  gpu_count: 'GPUs',
  memory_gb: 'Memory (GB)',
};

export function InfoTab({ task }: { task: Task }) {
  const update = useUpdateTask(task.id);
  const viewer = useViewerBlocker();
  const userName = useUserNames();
  const queueName = useQueueName(task.execution.queue);
  const runtime = Object.entries(task.runtime ?? {});
  return (
    <Box>
      <Section title="Description">
        <EditableText
          value={task.comment}
          label="Description"
          multiline
          editable={!viewer}
          disabledReason={viewer ?? ''}
          onSave={(comment) => update.mutateAsync({ comment })}
        >
          {(comment) => (
            <Typography component="span" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {comment || '—'}
            </Typography>
          )}
        </EditableText>
      </Section>
      <Section title="Info">
        <KeyValues
          items={[
            { label: 'Id', value: task.id, copy: task.id },
            { label: 'Created by', value: userName(task.user) },
            { label: 'Archived', value: task.system_tags.includes('archived') ? 'yes' : 'no' },
            { label: 'Status changed', value: formatDate(task.status_changed) },
            { label: 'Status reason', value: task.status_reason },
            { label: 'Status message', value: task.status_message },
            {
              label: 'Queue',
              value: task.execution.queue ? (
                <Link to="/workers-and-queues" search={{ queue: task.execution.queue }}>
                  {queueName.data ?? task.execution.queue}
                </Link>
              ) : (
                ''
              ),
            },
            {
              label: 'Worker',
              value: task.last_worker ? (
                <Link to="/workers-and-queues" search={{ worker: task.last_worker }}>
                  {task.last_worker}
                </Link>
              ) : (
                ''
              ),
            },
            { label: 'System tags', value: task.system_tags.join(', ') },
          ]}
        />
      </Section>
      {runtime.length > 0 && (
        <Section title="Runtime">
          <KeyValues items={runtime.map(([k, v]) => ({ label: RUNTIME_LABELS[k] ?? k, value: String(v) }))} />
        </Section>
      )}
      <Section title="All fields">
        <CodeEditor aria-label="raw task" value={JSON.stringify(task, null, 2)} language="json" height={420} />
      </Section>
    </Box>
  );
}
