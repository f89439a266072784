import type { Task } from '../../../shared/api/records';

/** One version in a dataset's genealogy, as the SDK records it in the "Dataset Struct" configuration. */
export interface LineageEntry {
  id: string;
  name: string;
  version: string;
  status: string;
  parents: string[];
  size: number | null;
}

const MAX_TEXT = 5_000_000;

function parseJson(text: string | undefined): unknown {
  if (!text || text.length > MAX_TEXT) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/**
 * Reads "Dataset Struct": `{"0": {job_id, parents: ["1"], name, version, status, job_size}, "1": {...}}`,
 * where parents are keys of the same object. Returns the versions with parent ids resolved.
 */
export function parseDatasetStruct(text: string | undefined): LineageEntry[] {
  const raw = parseJson(text);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const entries = Object.entries(raw as Record<string, Record<string, unknown>>).filter(
    ([, v]) => v && typeof v === 'object' && typeof v.job_id === 'string',
  );
  const idOf = new Map(entries.map(([k, v]) => [k, v.job_id as string]));
  return entries.map(([, v]) => ({
    id: v.job_id as string,
    name: str(v.name),
    version: str(v.version),
    status: str(v.status),
    parents: (Array.isArray(v.parents) ? v.parents : []).map((p) => idOf.get(str(p))).filter((p): p is string => !!p),
    size: typeof v.job_size === 'number' ? v.job_size : null,
  }));
}

/** Merges the genealogies of several versions; the first entry seen for an id wins, its parents are unioned. */
export function mergeLineage(lists: LineageEntry[][]): LineageEntry[] {
  const out = new Map<string, LineageEntry>();
  for (const list of lists) {
    for (const e of list) {
      const cur = out.get(e.id);
      out.set(e.id, cur ? { ...cur, parents: [...new Set([...cur.parents, ...e.parents])] } : e);
    }
  }
  return [...out.values()];
}

export interface DatasetFile {
  path: string;
  size: number | null;
  hash: string;
}

/**
 * Reads "Dataset Content", the SDK's CSV preview: a header line, then `name, size, hash` per file.
 * Split from the right, so a file name holding ", " stays whole.
 */
export function parseDatasetContent(text: string | undefined, limit = 10_000): DatasetFile[] {
  if (!text || text.length > MAX_TEXT) return [];
  const lines = text.split('\n').slice(1, limit + 1);
  const out: DatasetFile[] = [];
  for (const line of lines) {
    const h = line.lastIndexOf(', ');
    if (h < 0) continue;
    const s = line.lastIndexOf(', ', h - 1);
    if (s < 0) continue;
    const size = Number(line.slice(s + 2, h));
    out.push({ path: line.slice(0, s), size: Number.isFinite(size) ? size : null, hash: line.slice(h + 2).trim() });
  }
  return out;
}

/** Files the version's own data chunks hold (`data` artifacts' preview lines `name - N bytes`): what it added or changed. */
export function filesInChunks(task: Pick<Task, 'execution'>): Set<string> {
  const out = new Set<string>();
  for (const a of task.execution?.artifacts ?? []) {
    if (a.key !== 'data' && !a.key.startsWith('data_')) continue;
    const preview = (a.type_data as { preview?: unknown } | undefined)?.preview;
    if (typeof preview !== 'string') continue;
    for (const line of preview.split('\n')) {
      const i = line.lastIndexOf(' - ');
      if (i > 0) out.add(line.slice(0, i));
    }
  }
  return out;
}

export interface DatasetSummary {
  version: string;
  fileCount: number | null;
  linkCount: number | null;
  totalSize: number | null;
  compressedSize: number | null;
  added: number | null;
  removed: number | null;
  modified: number | null;
  sizeChange: number | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The counts the SDK keeps in the task's runtime (`ds_file_count`, `ds_change_add`, ...). */
export function datasetSummary(runtime: Record<string, unknown> | undefined): DatasetSummary {
  const r = runtime ?? {};
  return {
    version: str(r.version),
    fileCount: num(r.ds_file_count),
    linkCount: num(r.ds_link_count),
    totalSize: num(r.ds_total_size),
    compressedSize: num(r.ds_total_size_compressed),
    added: num(r.ds_change_add),
    removed: num(r.ds_change_remove),
    modified: num(r.ds_change_modify),
    sizeChange: num(r.ds_change_size),
  };
}

/** `a/b/.datasets/name` → { parent: 'a/b', name: 'name' }; other names are their own dataset. */
export function splitDatasetProject(projectName: string): { parent: string; name: string } {
  const i = projectName.lastIndexOf('/.datasets/');
  if (i >= 0) return { parent: projectName.slice(0, i), name: projectName.slice(i + '/.datasets/'.length) };
  if (projectName.startsWith('.datasets/')) return { parent: '', name: projectName.slice('.datasets/'.length) };
  return { parent: '', name: projectName };
}

export function formatBytes(n: number | null): string {
  if (n === null) return '—';
  const a = Math.abs(n);
  if (a < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** The SDK line that fetches this version; the id is a server id, quoted as a Python string. */
export function sdkGetLine(id: string): string {
  return `Dataset.get(dataset_id=${JSON.stringify(id)})`;
}
