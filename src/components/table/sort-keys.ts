/**
 * A table's sort: a first key (`field` ascending or `-field` descending, the table's own default when none was
 * picked) and keys that order the rows it leaves tied, in turn (ClearML's web app adds them with Shift-click).
 */

/** Keys at most, the first included: more tie-breakers than this order nothing a person reads. */
export const MAX_SORT_KEYS = 4;
/** The longest key kept from a URL. */
const MAX_KEY = 1000;

export interface SortState {
  sort?: string;
  /** The keys after the first, in order. */
  thenBy?: string[];
}

const fieldOf = (key: string) => (key.startsWith('-') ? key.slice(1) : key);

/** Every key of the sort, in order: what the server's `order_by` takes. `fallback` sorts when nothing was picked. */
export function sortKeysOf(s: SortState, fallback: string): string[] {
  const first = s.sort ?? fallback;
  const rest = (s.thenBy ?? []).filter((k) => fieldOf(k) !== fieldOf(first));
  return [first, ...rest].slice(0, MAX_SORT_KEYS);
}

/** Where `field` stands in the sort (0: the first key) and its direction; null when it does not sort. */
export function sortPlace(keys: string[], field: string): { rank: number; desc: boolean } | null {
  const rank = keys.findIndex((k) => fieldOf(k) === field);
  return rank < 0 ? null : { rank, desc: keys[rank].startsWith('-') };
}

/**
 * The sort after a click on the header of `field`. A plain click sorts by that column alone: ascending, or
 * descending when it was already the first key ascending. With Shift (`add`) the column is added after the
 * others, ascending; Shift on a column already in the sort turns it descending, and then takes it out (unless it
 * is the only key, which turns ascending again).
 */
export function nextSort(s: SortState, field: string, add: boolean, fallback: string): SortState {
  const keys = sortKeysOf(s, fallback);
  if (!add) return { sort: keys[0] === field ? `-${field}` : field, thenBy: undefined };
  const at = sortPlace(keys, field);
  let next: string[];
  if (!at) next = keys.length < MAX_SORT_KEYS ? [...keys, field] : keys;
  else if (!at.desc) next = keys.map((k, i) => (i === at.rank ? `-${field}` : k));
  else next = keys.length > 1 ? keys.filter((_, i) => i !== at.rank) : [field];
  return { sort: next[0], thenBy: next.length > 1 ? next.slice(1) : undefined };
}

/**
 * The keys after the first as a URL gives them: each whole (an array in the URL, as a hyperparameter's name may
 * hold a comma), strings only, each at most MAX_KEY characters, at most MAX_SORT_KEYS - 1. Undefined when none.
 */
export function thenByFromUrl(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const keys = v.filter((k): k is string => typeof k === 'string' && !!k && k.length <= MAX_KEY).slice(0, MAX_SORT_KEYS - 1);
  return keys.length ? keys : undefined;
}
