/**
 * The table's view, kept in the URL: filters, sort, extra columns, toggles.
 * Column keys: `hp:<section>.<name>` for a hyper-parameter, `m:<metric>/<variant>` for a last metric.
 */
import { createHash as md5 } from './md5';

export interface TableState {
  q?: string;
  types?: string[];
  statuses?: string[];
  tags?: string[];
  users?: string[];
  sort?: string;
  cols?: string[];
  /** Default columns the user hid (the name always shows). */
  hide?: string[];
  archived?: boolean;
  deep?: boolean;
}

const list = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String).filter(Boolean) : typeof v === 'string' && v ? v.split(',').filter(Boolean) : undefined;

/** Reads the table state from URL search params, dropping anything malformed. */
export function parseTableState(s: Record<string, unknown>): TableState {
  const out: TableState = {};
  if (typeof s.q === 'string' && s.q) out.q = s.q;
  for (const k of ['types', 'statuses', 'tags', 'users', 'cols', 'hide'] as const) {
    const v = list(s[k]);
    if (v?.length) out[k] = v;
  }
  if (typeof s.sort === 'string' && s.sort) out.sort = s.sort;
  if (s.archived === true || s.archived === 'true') out.archived = true;
  if (s.deep === true || s.deep === 'true') out.deep = true;
  return out;
}

export interface ColumnDef {
  key: string;
  label: string;
  /** The task field the server sorts by. */
  sortField: string;
  /** Fields to ask for in only_fields. */
  fields: string[];
  width: number;
}

export const BASE_COLUMNS: ColumnDef[] = [
  { key: 'type', label: 'Type', sortField: 'type', fields: ['type'], width: 110 },
  { key: 'name', label: 'Name', sortField: 'name', fields: ['name'], width: 260 },
  { key: 'status', label: 'Status', sortField: 'status', fields: ['status'], width: 110 },
  { key: 'user', label: 'User', sortField: 'user', fields: ['user'], width: 110 },
  { key: 'tags', label: 'Tags', sortField: 'tags', fields: ['tags'], width: 150 },
  { key: 'started', label: 'Started', sortField: 'started', fields: ['started'], width: 160 },
  { key: 'last_update', label: 'Last update', sortField: 'last_update', fields: ['last_update'], width: 160 },
  { key: 'last_iteration', label: 'Iteration', sortField: 'last_iteration', fields: ['last_iteration'], width: 90 },
];

/** The definition of an added column from its key. */
export function extraColumn(key: string): ColumnDef | null {
  if (key.startsWith('hp:')) {
    const path = key.slice(3);
    const dot = path.indexOf('.');
    if (dot < 1) return null;
    const section = path.slice(0, dot);
    const name = path.slice(dot + 1);
    return {
      key,
      label: `${section}/${name}`,
      sortField: `hyperparams.${section}.${name}.value`,
      fields: [`hyperparams.${section}.${name}`],
      width: 120,
    };
  }
  if (key.startsWith('m:')) {
    const path = key.slice(2);
    const slash = path.lastIndexOf('/');
    if (slash < 1) return null;
    const metric = path.slice(0, slash);
    const variant = path.slice(slash + 1);
    const f = `last_metrics.${md5(metric)}.${md5(variant)}`;
    return { key, label: `${metric} / ${variant}`, sortField: `${f}.value`, fields: [f], width: 130 };
  }
  return null;
}

export function columnsOf(state: TableState): ColumnDef[] {
  const shown = BASE_COLUMNS.filter((c) => c.key === 'name' || !state.hide?.includes(c.key));
  return [...shown, ...(state.cols ?? []).map(extraColumn).filter((c): c is ColumnDef => !!c)];
}

/** The tasks.get_all_ex filter for this view of a project (`*`: every project). */
export function queryOf(projectId: string, state: TableState): Record<string, unknown> {
  return {
    ...(projectId !== '*' ? { project: [projectId], include_subprojects: !!state.deep } : {}),
    ...(state.types?.length ? { type: state.types } : {}),
    ...(state.statuses?.length ? { status: state.statuses } : {}),
    ...(state.tags?.length ? { tags: state.tags } : {}),
    ...(state.users?.length ? { user: state.users } : {}),
    ...(state.q ? { search_text: state.q } : {}),
    system_tags: state.archived ? ['archived'] : ['-archived'],
    order_by: [state.sort ?? '-last_update'],
  };
}
