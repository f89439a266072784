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

/** Named references (models, artifacts) as one line each, in name order: compared whole, read at a glance. */
const lines = (pairs: [string, string | undefined][]): string | undefined =>
  pairs.length
    ? pairs
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}: ${v ?? ''}`)
        .join('\n')
    : undefined;

/**
 * The rows of the Details tab, ClearML's fields: hyperparameters, configuration, execution (script, packages, diff,
 * container, output destination), models and artifacts, last metric values, info. `userName` names a user id.
 */
export function compareRows(tasks: Task[], userName: (id: string) => string = (id) => id): CompareRow[] {
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
    row(
      'Execution',
      'uncommitted changes',
      tasks.map((t) => t.script?.diff || undefined),
    ),
    row(
      'Execution',
      'container image',
      tasks.map((t) => t.container?.image || undefined),
    ),
    row(
      'Execution',
      'container arguments',
      tasks.map((t) => t.container?.arguments || undefined),
    ),
    row(
      'Execution',
      'container setup script',
      tasks.map((t) => t.container?.setup_shell_script || undefined),
    ),
    row(
      'Execution',
      'output destination',
      tasks.map((t) => t.output?.destination || undefined),
    ),
    row(
      'Models and artifacts',
      'input models',
      tasks.map((t) => lines((t.models?.input ?? []).map((m) => [m.name, m.model]))),
    ),
    row(
      'Models and artifacts',
      'output models',
      tasks.map((t) => lines((t.models?.output ?? []).map((m) => [m.name, m.model]))),
    ),
    row(
      'Models and artifacts',
      'artifacts',
      tasks.map((t) => lines((t.execution?.artifacts ?? []).map((a) => [`${a.key} (${a.mode ?? 'output'})`, a.hash ?? a.uri]))),
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
  rows.push(
    row(
      'Info',
      'tags',
      tasks.map((t) => (t.tags?.length ? [...t.tags].sort().join(', ') : undefined)),
    ),
    row(
      'Info',
      'user',
      tasks.map((t) => (t.user ? userName(t.user) : undefined)),
    ),
    row(
      'Info',
      'started',
      tasks.map((t) => t.started ?? undefined),
    ),
    row(
      'Info',
      'completed',
      tasks.map((t) => t.completed ?? undefined),
    ),
  );
  return rows;
}
