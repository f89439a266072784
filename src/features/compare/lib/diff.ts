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
  /** What tells the values apart, a task each (absent: undefined). */
  compared: (string | undefined)[];
  differs: boolean;
}

/** `compared`: what tells the values apart when the text shown may not (two models of one name). */
function row(group: string, key: string, values: (string | undefined)[], compared = values): CompareRow {
  return { group, key, values, compared, differs: new Set(compared.map((v) => v ?? '∅')).size > 1 };
}

/** For each task's value of a row, whether it differs from the baseline task's (at index `base`; its own is false). */
export function differsFromBase(r: CompareRow, base: number): boolean[] {
  return r.compared.map((v, i) => i !== base && v !== r.compared[base]);
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

/** One value a task for each of these Execution rows (nothing shown for an empty one). */
const EXECUTION: Record<string, (t: Task) => string | undefined> = {
  packages: (t) => (t.script?.requirements as { pip?: string } | undefined)?.pip,
  'uncommitted changes': (t) => t.script?.diff || undefined,
  'container image': (t) => t.container?.image || undefined,
  'container arguments': (t) => t.container?.arguments || undefined,
  'container setup script': (t) => t.container?.setup_shell_script || undefined,
  'output destination': (t) => t.output?.destination || undefined,
};

const artifactLines = (t: Task) =>
  lines((t.execution?.artifacts ?? []).map((a) => [`${a.key} (${a.mode ?? 'output'})`, a.hash ?? a.uri]));

const INFO = (userName: (id: string) => string): Record<string, (t: Task) => string | undefined> => ({
  tags: (t) => (t.tags?.length ? [...t.tags].sort().join(', ') : undefined),
  user: (t) => (t.user ? userName(t.user) : undefined),
  started: (t) => t.started ?? undefined,
  completed: (t) => t.completed ?? undefined,
});

/**
 * The rows of the Details tab, ClearML's fields: hyperparameters, configuration, execution (script, packages, diff,
 * container, output destination), models and artifacts, last metric values, info. `userName` names a user id, `modelName` a model id.
 */
export function compareRows(
  tasks: Task[],
  userName: (id: string) => string = (id) => id,
  modelName: (id: string) => string = (id) => id,
): CompareRow[] {
  const rows: CompareRow[] = [];
  const fieldRows = (group: string, fields: Record<string, (t: Task) => string | undefined>) =>
    Object.entries(fields).map(([key, of]) => row(group, key, tasks.map(of)));
  // Shown by name, told apart by id.
  const modelRow = (key: string, refs: (t: Task) => { name: string; model: string }[]) =>
    row(
      'Models and artifacts',
      key,
      tasks.map((t) => lines(refs(t).map((m) => [m.name, modelName(m.model)]))),
      tasks.map((t) => lines(refs(t).map((m) => [m.name, m.model]))),
    );
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
  for (const key of ['repository', 'branch', 'tag', 'version_num', 'entry_point', 'working_dir', 'binary'] as const) {
    rows.push(
      row(
        'Execution',
        key,
        tasks.map((t) => (t.script?.[key] as string | undefined) ?? undefined),
      ),
    );
  }
  rows.push(...fieldRows('Execution', EXECUTION));
  rows.push(
    modelRow('input models', (t) => t.models?.input ?? []),
    modelRow('output models', (t) => t.models?.output ?? []),
    ...fieldRows('Models and artifacts', { artifacts: artifactLines }),
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
  rows.push(...fieldRows('Info', INFO(userName)));
  return rows;
}
