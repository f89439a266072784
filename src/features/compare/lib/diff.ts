/**
 * Side-by-side rows for comparing tasks: each row is one field with a value per task,
 * flagged when the values differ.
 */
import type { Task } from '../../../shared/api/records';
import { metricValue } from './hyperparam-charts';

export interface CompareRow {
  group: string;
  key: string;
  values: (string | undefined)[];
  differs: boolean;
}

function row(group: string, key: string, values: (string | undefined)[]): CompareRow {
  return { group, key, values, differs: new Set(values.map((v) => v ?? '∅')).size > 1 };
}

function shownMetric(t: Task, metric: string, variant: string): string | undefined {
  const v = metricValue(t, { key: `${metric}/${variant}`, metric, variant });
  return v === undefined ? undefined : String(Number(v.toPrecision(6)));
}

export function compareRows(tasks: Task[]): CompareRow[] {
  const rows: CompareRow[] = [];
  const sections = new Set(tasks.flatMap((t) => Object.keys(t.hyperparams ?? {})));
  for (const section of [...sections].sort()) {
    const names = new Set(tasks.flatMap((t) => Object.keys(t.hyperparams?.[section] ?? {})));
    for (const name of [...names].sort()) {
      rows.push(
        row(
          `Hyperparameters: ${section}`,
          name,
          tasks.map((t) => t.hyperparams?.[section]?.[name]?.value),
        ),
      );
    }
  }
  const configs = new Set(tasks.flatMap((t) => Object.keys(t.configuration ?? {})));
  for (const name of [...configs].sort())
    rows.push(
      row(
        'Configuration',
        name,
        tasks.map((t) => t.configuration?.[name]?.value),
      ),
    );
  for (const key of ['repository', 'branch', 'version_num', 'entry_point', 'working_dir', 'binary'] as const) {
    rows.push(
      row(
        'Execution',
        key,
        tasks.map((t) => (t.script?.[key] as string | undefined) ?? undefined),
      ),
    );
  }
  rows.push(
    row(
      'Execution',
      'packages',
      tasks.map((t) => (t.script?.requirements as { pip?: string } | undefined)?.pip),
    ),
  );
  const metrics = new Map<string, [string, string]>();
  for (const t of tasks)
    for (const v of Object.values(t.last_metrics ?? {}))
      for (const m of Object.values(v)) metrics.set(`${m.metric}/${m.variant}`, [m.metric, m.variant]);
  for (const [key, [metric, variant]] of [...metrics].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push(
      row(
        'Last metric values',
        key,
        tasks.map((t) => shownMetric(t, metric, variant)),
      ),
    );
  }
  for (const key of ['status', 'type', 'last_iteration'] as const)
    rows.push(
      row(
        'Info',
        key,
        tasks.map((t) => String(t[key])),
      ),
    );
  return rows;
}
