import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { CodeEditor } from '../../../components/code-editor/CodeEditor';
import { languageFor } from '../../../components/code-editor/languages';
import type { ParamsItem, Task } from '../../../shared/entities';
import { EmptyState } from './EmptyState';
import { Section } from './Section';

/** ClearML shows `properties` as User Properties; it is the one section editable in any status. */
const SECTION_TITLES: Record<string, string> = { properties: 'User properties', Args: 'Args', General: 'General' };

function sectionOrder(a: string, b: string): number {
  const rank = (s: string) => (s === 'Args' ? 0 : s === 'General' ? 1 : s === 'properties' ? 3 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

export function ConfigurationTab({ task }: { task: Task }) {
  const [filter, setFilter] = useState('');
  const sections = useMemo(() => Object.keys(task.hyperparams ?? {}).sort(sectionOrder), [task.hyperparams]);
  const configs = Object.values(task.configuration ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const needle = filter.toLowerCase();
  const matches = (p: ParamsItem) => !needle || p.name.toLowerCase().includes(needle) || p.value.toLowerCase().includes(needle);
  if (!sections.length && !configs.length) return <EmptyState title="No configuration was recorded" hint="Hyperparameters and configuration objects the script connects appear here." />;
  return (
    <Box>
      {sections.length > 0 && (
        <TextField size="small" label="Filter parameters" value={filter} onChange={(e) => setFilter(e.target.value)} sx={{ mb: 2, width: 320 }} />
      )}
      {sections.map((section) => {
        const params = Object.values(task.hyperparams[section]).filter(matches).sort((a, b) => a.name.localeCompare(b.name));
        return (
          <Section key={section} title={`${SECTION_TITLES[section] ?? section} (${Object.keys(task.hyperparams[section]).length})`}>
            {params.length ? (
              <Table size="small" aria-label={`hyperparameters ${section}`}>
                <TableHead>
                  <TableRow>
                    <TableCell>Name</TableCell>
                    <TableCell>Value</TableCell>
                    <TableCell>Type</TableCell>
                    <TableCell>Description</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {params.map((p) => (
                    <TableRow key={p.name} hover>
                      <TableCell sx={{ fontWeight: 500 }}>{p.name}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{p.value}</TableCell>
                      <TableCell sx={{ color: 'text.secondary' }}>{p.type ?? ''}</TableCell>
                      <TableCell sx={{ color: 'text.secondary' }}>{p.description && p.description !== 'None' ? p.description : ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <Box color="text.secondary">No parameter matches “{filter}”.</Box>
            )}
          </Section>
        );
      })}
      {configs.map((c) => (
        <Section key={c.name} title={`Configuration object: ${c.name}${c.type ? ` (${c.type})` : ''}`}>
          {c.description && <Box sx={{ color: 'text.secondary', mb: 1 }}>{c.description}</Box>}
          <CodeEditor aria-label={`configuration ${c.name}`} value={c.value} language={languageFor(c.type)} height={Math.min(480, 40 + 19 * c.value.split('\n').length)} />
        </Section>
      ))}
    </Box>
  );
}
