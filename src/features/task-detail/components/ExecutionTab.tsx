import Box from '@mui/material/Box';
import { CodeEditor } from '../../../components/code-editor/CodeEditor';
import type { Task } from '../../../shared/entities';
import { KeyValues } from './KeyValues';
import { Section } from './Section';

export function ExecutionTab({ task }: { task: Task }) {
  const s = task.script ?? {};
  const pip = (s.requirements as { pip?: string } | undefined)?.pip ?? '';
  return (
    <Box>
      <Section title="Source code">
        <KeyValues
          items={[
            { label: 'Repository', value: s.repository, copy: s.repository || undefined },
            { label: 'Branch', value: s.branch },
            { label: 'Commit', value: s.version_num, copy: s.version_num || undefined },
            { label: 'Tag', value: s.tag },
            { label: 'Entry point', value: s.entry_point },
            { label: 'Working directory', value: s.working_dir },
            { label: 'Binary', value: s.binary },
            { label: 'Container', value: [task.container?.image, task.container?.arguments].filter(Boolean).join(' ') },
            { label: 'Output destination', value: task.output?.destination ?? '' },
          ]}
        />
      </Section>
      <Section title="Uncommitted changes">
        {s.diff ? <CodeEditor aria-label="uncommitted changes" value={s.diff} language="diff" height={360} /> : <Box color="text.secondary">No uncommitted changes were recorded.</Box>}
      </Section>
      <Section title="Installed packages">
        {pip ? <CodeEditor aria-label="installed packages" value={pip} language="ini" height={280} /> : <Box color="text.secondary">No packages were recorded.</Box>}
      </Section>
    </Box>
  );
}
