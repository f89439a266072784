/**
 * The task table's columns. Keys: a task field for the default and addable columns,
 * `hp:<section>.<name>` for a hyper-parameter, `m:` / `min:` / `max:` + `<metric>/<variant>`
 * for a metric's last, lowest or highest value.
 */
import { createHash as md5 } from './md5';

export interface ColumnDef {
  key: string;
  label: string;
  /** The task field the server sorts by; none: the column does not sort. */
  sortField?: string;
  /** Fields to ask for in only_fields. */
  fields: string[];
  width: number;
  /** The range filter the column takes, on which server field. */
  range?: { kind: 'date' | 'number'; field: string };
}

export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1000;

/**
 * Shown unless hidden, in this order; `project` only where tasks of several projects can show (the name
 * takes its width otherwise). Together they fit a 1440 px screen beside the project tree.
 */
export const BASE_COLUMNS: ColumnDef[] = [
  { key: 'id', label: 'ID', sortField: 'id', fields: ['id'], width: 92 },
  { key: 'project', label: 'Project', sortField: 'project.name', fields: ['project'], width: 100 },
  { key: 'name', label: 'Name', sortField: 'name', fields: ['name'], width: 150 },
  { key: 'type', label: 'Type', sortField: 'type', fields: ['type'], width: 80 },
  { key: 'status', label: 'Status', sortField: 'status', fields: ['status'], width: 96 },
  { key: 'tags', label: 'Tags', sortField: 'tags', fields: ['tags'], width: 84 },
  { key: 'user', label: 'User', sortField: 'user', fields: ['user'], width: 80 },
  {
    key: 'started',
    label: 'Started',
    sortField: 'started',
    fields: ['started'],
    width: 108,
    range: { kind: 'date', field: 'started' },
  },
  {
    key: 'last_update',
    label: 'Updated',
    sortField: 'last_update',
    fields: ['last_update'],
    width: 108,
    range: { kind: 'date', field: 'last_update' },
  },
  // The server works the run time out as this column shows it (ClearML's web app sorts it by active_duration too).
  {
    key: 'runtime',
    label: 'Run time',
    sortField: 'active_duration',
    fields: ['started', 'completed', 'last_update', 'status'],
    width: 86,
  },
  {
    key: 'last_iteration',
    label: 'Iteration',
    sortField: 'last_iteration',
    fields: ['last_iteration'],
    width: 84,
    range: { kind: 'number', field: 'last_iteration' },
  },
];

/** Task fields that can be added as columns (they are off by default). */
export const FIELD_COLUMNS: ColumnDef[] = [
  { key: 'comment', label: 'Description', sortField: 'comment', fields: ['comment'], width: 200 },
  { key: 'parent', label: 'Parent', sortField: 'parent', fields: ['parent'], width: 92 },
];

export const METRIC_VALUES = [
  { prefix: 'm:', field: 'value', label: 'last' },
  { prefix: 'min:', field: 'min_value', label: 'min' },
  { prefix: 'max:', field: 'max_value', label: 'max' },
] as const;

/** A metric column key split into its parts, or null when the key is not one. */
export function metricKey(key: string): { metric: string; variant: string; field: string; label: string } | null {
  const kind = METRIC_VALUES.find((m) => key.startsWith(m.prefix));
  if (!kind) return null;
  const path = key.slice(kind.prefix.length);
  const slash = path.lastIndexOf('/');
  if (slash < 1) return null;
  return { metric: path.slice(0, slash), variant: path.slice(slash + 1), field: kind.field, label: kind.label };
}

/** A hyper-parameter column key split into section and name. */
export function paramKey(key: string): { section: string; name: string } | null {
  if (!key.startsWith('hp:')) return null;
  const path = key.slice(3);
  const dot = path.indexOf('.');
  return dot < 1 ? null : { section: path.slice(0, dot), name: path.slice(dot + 1) };
}

/** The definition of an added column from its key. */
export function extraColumn(key: string): ColumnDef | null {
  const field = FIELD_COLUMNS.find((c) => c.key === key);
  if (field) return field;
  const p = paramKey(key);
  if (p) {
    const path = `hyperparams.${p.section}.${p.name}`;
    return {
      key,
      label: `${p.section}/${p.name}`,
      sortField: `${path}.value`,
      fields: [path],
      width: 110,
      range: { kind: 'number', field: `${path}.value` },
    };
  }
  const m = metricKey(key);
  if (m) {
    const f = `last_metrics.${md5(m.metric)}.${md5(m.variant)}`;
    const label = `${m.metric} / ${m.variant}${m.field === 'value' ? '' : ` (${m.label})`}`;
    return {
      key,
      label,
      sortField: `${f}.${m.field}`,
      fields: [f],
      width: 130,
      range: { kind: 'number', field: `${f}.${m.field}` },
    };
  }
  return null;
}

export interface Layout {
  cols?: string[];
  hide?: string[];
  order?: string[];
  w?: Record<string, number>;
}

/**
 * The columns of a view in their order and widths: the default ones not hidden, then the added
 * ones; `order` moves the keys it names to the front in its order; `w` overrides widths.
 */
export function columnsOf(layout: Layout, opts: { showProject?: boolean } = {}): ColumnDef[] {
  const project = BASE_COLUMNS.find((c) => c.key === 'project')!;
  const base = BASE_COLUMNS.filter(
    (c) => c.key === 'name' || (!layout.hide?.includes(c.key) && (c.key !== 'project' || opts.showProject)),
  ).map((c) => (c.key === 'name' && !opts.showProject ? { ...c, width: c.width + project.width } : c));
  const extra = (layout.cols ?? []).map(extraColumn).filter((c): c is ColumnDef => !!c);
  const all = [...base, ...extra.filter((c, i) => extra.findIndex((d) => d.key === c.key) === i)];
  const rank = new Map((layout.order ?? []).map((k, i) => [k, i]));
  const sorted = all
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (rank.get(a.c.key) ?? rank.size + a.i) - (rank.get(b.c.key) ?? rank.size + b.i))
    .map(({ c }) => c);
  return sorted.map((c) => (layout.w?.[c.key] ? { ...c, width: layout.w[c.key] } : c));
}

/** The order after moving column `from` to where `to` is (before it when moving left, after it when moving right). */
export function moveColumn(keys: string[], from: string, to: string): string[] {
  const i = keys.indexOf(from);
  const j = keys.indexOf(to);
  if (i < 0 || j < 0 || i === j) return keys;
  const out = keys.filter((k) => k !== from);
  out.splice(j, 0, from);
  return out;
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}
