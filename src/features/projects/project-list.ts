/** The projects page's search and sort, run on the loaded list (every project is loaded with its counts). */
import type { ProjectWithStats } from './api/queries';

export const PROJECT_SORTS = {
  name: 'Name',
  updated: 'Last update',
  tasks: 'Tasks',
  running: 'Running now',
  compute: 'Compute time',
} as const;
export type ProjectSort = keyof typeof PROJECT_SORTS;

export const isProjectSort = (v: unknown): v is ProjectSort => typeof v === 'string' && v in PROJECT_SORTS;

const stats = (p: ProjectWithStats) => p.stats?.active;

/** Largest first for counts and dates (what one looks for), A to Z for names; ties by name. */
const KEYS: Record<ProjectSort, (p: ProjectWithStats) => number | string> = {
  name: (p) => p.name.toLowerCase(),
  updated: (p) => -Date.parse(stats(p)?.last_task_run ?? p.last_update ?? '') || 0,
  tasks: (p) => -(stats(p)?.total_tasks ?? 0),
  running: (p) => -(stats(p)?.status_count.in_progress ?? 0),
  compute: (p) => -(stats(p)?.total_runtime ?? 0),
};

export function searchAndSort(list: ProjectWithStats[], q: string, sort: ProjectSort): ProjectWithStats[] {
  const needle = q.trim().toLowerCase();
  const key = KEYS[sort];
  return list
    .filter((p) => !needle || p.name.toLowerCase().includes(needle))
    .map((p) => ({ p, k: key(p), n: p.name.toLowerCase() }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
    .map(({ p }) => p);
}
