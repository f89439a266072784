/**
 * The table's view, kept in the URL: filters, sort, columns (which, their order and widths), toggles.
 * Column keys are described in `columns.ts`.
 */
import { ignoringCase } from '../../shared/regex';
import { clampWidth, columnsOf, extraColumn, BASE_COLUMNS, type ColumnDef, type Layout } from './columns';
import { sortKeysOf, thenByFromUrl } from '../../components/table/sort-keys';

/** The newest update first, when no sort was picked. */
export const DEFAULT_SORT = '-last_update';

export { BASE_COLUMNS, columnsOf, extraColumn, type ColumnDef } from './columns';

/** A range filter's ends (either may be open): ISO dates or numbers, as text. */
export type RangeEnds = [string | null, string | null];

export interface TableState extends Layout {
  q?: string;
  /** The search box holds a regular expression on the name (RE2, run by the server). */
  re?: boolean;
  types?: string[];
  statuses?: string[];
  /** Tags a task holds: one of them, or each with `tagsAll`. */
  tags?: string[];
  /** Tags a task holds none of. */
  notTags?: string[];
  tagsAll?: boolean;
  users?: string[];
  /** Tasks whose parent is one of these (ids). */
  parents?: string[];
  /** *All tasks* only: the tasks of these projects (ids), their sub-projects' too. */
  projects?: string[];
  /** The first sort key: `field` ascending, `-field` descending (`components/table/sort-keys.ts`). */
  sort?: string;
  /** Sort keys after the first, each breaking the ties the ones before it leave. */
  thenBy?: string[];
  /** Range filters by column key. */
  range?: Record<string, RangeEnds>;
  /** A hyperparameter column's values (one of them kept), by column key; a column has values or a range, not both. */
  vals?: Record<string, string[]>;
  archived?: boolean;
  deep?: boolean;
}

const MAX_ENTRIES = 200;
const MAX_TEXT = 1000;

const list = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v.map(String).filter(Boolean).slice(0, MAX_ENTRIES)
    : typeof v === 'string' && v
      ? v.split(',').filter(Boolean).slice(0, MAX_ENTRIES)
      : undefined;

const record = (v: unknown): [string, unknown][] =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v as Record<string, unknown>)
        .filter(([k]) => k.length <= MAX_TEXT)
        .slice(0, MAX_ENTRIES)
    : [];

function widths(v: unknown): Record<string, number> | undefined {
  const out = record(v)
    .filter(([, w]) => typeof w === 'number' && Number.isFinite(w))
    .map(([k, w]) => [k, clampWidth(w as number)]);
  return out.length ? Object.fromEntries(out) : undefined;
}

const end = (v: unknown): string | null =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v && v.length <= 40 ? v : null;

function ranges(v: unknown): Record<string, RangeEnds> | undefined {
  const out = record(v)
    .filter(([k, r]) => Array.isArray(r) && r.length === 2 && !!columnOfKey(k)?.range)
    .map(([k, r]): [string, RangeEnds] => [k, [end((r as unknown[])[0]), end((r as unknown[])[1])]])
    .filter(([, [a, b]]) => a !== null || b !== null);
  return out.length ? Object.fromEntries(out) : undefined;
}

/** The state with one column's range or values filter set (or removed: undefined). */
export function withFilter<K extends 'range' | 'vals'>(
  state: TableState,
  which: K,
  key: string,
  v: NonNullable<TableState[K]>[string] | undefined,
): TableState {
  const { [key]: _old, ...rest } = (state[which] ?? {}) as Record<string, unknown>;
  const next = v ? { ...rest, [key]: v } : rest;
  return { ...state, [which]: Object.keys(next).length ? next : undefined };
}

/** Values a hyperparameter column keeps, at most: ClearML's list filter (the server takes 100). */
const MAX_VALUES = 100;

function paramValues(v: unknown): Record<string, string[]> | undefined {
  const out = record(v)
    .filter(([k, r]) => Array.isArray(r) && k.startsWith('hp:') && !!columnOfKey(k)?.range)
    .map(([k, r]): [string, string[]] => [
      k,
      (r as unknown[]).filter((x): x is string => typeof x === 'string' && x.length <= MAX_TEXT).slice(0, MAX_VALUES),
    ])
    .filter(([, values]) => values.length > 0);
  return out.length ? Object.fromEntries(out) : undefined;
}

/** Reads the table state from URL search params, dropping anything malformed. */
export function parseTableState(s: Record<string, unknown>): TableState {
  const out: TableState = {};
  if (typeof s.q === 'string' && s.q) out.q = s.q.slice(0, MAX_TEXT);
  if (s.re === true || s.re === 'true') out.re = true;
  for (const k of ['types', 'statuses', 'tags', 'notTags', 'users', 'parents', 'projects', 'cols', 'hide', 'order'] as const) {
    const v = list(s[k]);
    if (v?.length) out[k] = v;
  }
  const w = widths(s.w);
  if (w) out.w = w;
  const r = ranges(s.range);
  if (r) out.range = r;
  const vals = paramValues(s.vals);
  if (vals) out.vals = vals;
  if (typeof s.sort === 'string' && s.sort) out.sort = s.sort.slice(0, MAX_TEXT);
  const thenBy = thenByFromUrl(s.thenBy);
  if (thenBy) out.thenBy = thenBy;
  if (s.tagsAll === true || s.tagsAll === 'true') out.tagsAll = true;
  if (s.archived === true || s.archived === 'true') out.archived = true;
  if (s.deep === true || s.deep === 'true') out.deep = true;
  return out;
}

/** Any column by key: a default one or an added one. */
export function columnOfKey(key: string): ColumnDef | null {
  return BASE_COLUMNS.find((c) => c.key === key) ?? extraColumn(key);
}

/** Tasks of more than one project can show: all projects, or a project with its sub-projects. */
export const showsProjects = (projectId: string, state: TableState) => projectId === '*' || !!state.deep;

/** The columns of this view. */
export const viewColumns = (projectId: string, state: TableState) =>
  columnsOf(state, { showProject: showsProjects(projectId, state) });

/** ClearML's range filter: `[">=from", "<=to"]`, either end left out when open. */
function rangeFilters(range: TableState['range']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, [from, to]] of Object.entries(range ?? {})) {
    const field = columnOfKey(key)?.range?.field;
    if (!field) continue;
    const ends = [...(from !== null ? [`>=${from}`] : []), ...(to !== null ? [`<=${to}`] : [])];
    if (ends.length) out[field] = ends;
  }
  return out;
}

/** ClearML's list filter on a hyperparameter: the values, any one of them kept. A column's range wins over them. */
function valueFilters(state: TableState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(state.vals ?? {})) {
    const field = columnOfKey(key)?.range?.field;
    if (field && !state.range?.[key]) out[field] = values;
  }
  return out;
}

/** The tasks.get_all_ex filter for this view of a project (`*`: every project). */
/**
 * The tag filters as ClearML's field filter (tasks.get_all_ex 2.27): the tags picked, one of them or each of them
 * (`tagsAll`), and none of the tags excluded.
 */
function tagFilters(state: TableState): Record<string, unknown> {
  const include = state.tags?.length ? state.tags : undefined;
  const exclude = state.notTags?.length ? state.notTags : undefined;
  if (!include && !exclude) return {};
  const tags = state.tagsAll
    ? { all: { include, exclude } }
    : { ...(include ? { any: { include } } : {}), ...(exclude ? { all: { exclude } } : {}) };
  return { filters: { tags } };
}

export function queryOf(projectId: string, state: TableState): Record<string, unknown> {
  return {
    ...(projectId !== '*'
      ? { project: [projectId], include_subprojects: !!state.deep }
      : state.projects?.length
        ? { project: state.projects, include_subprojects: true }
        : {}),
    ...(state.types?.length ? { type: state.types } : {}),
    ...(state.statuses?.length ? { status: state.statuses } : {}),
    ...tagFilters(state),
    ...(state.users?.length ? { user: state.users } : {}),
    ...(state.parents?.length ? { parent: state.parents } : {}),
    // The server's name filter keeps case, as clearml-server's does; the search box ignores it.
    ...(state.q ? (state.re ? { name: ignoringCase(state.q) } : { search_text: state.q }) : {}),
    ...valueFilters(state),
    ...rangeFilters(state.range),
    system_tags: state.archived ? ['archived'] : ['-archived'],
    order_by: sortKeysOf(state, DEFAULT_SORT),
  };
}
