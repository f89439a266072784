import { MAX_METADATA_KEYS } from '../shared/api/common';
import type { ModelMetadataItem } from '../shared/api/records';
import { errors } from './http/errors';

type Item = { key: string; type?: string | null; value?: string | null };
export type Metadata = Record<string, ModelMetadataItem>;

/**
 * Metadata with `items` added or replacing those of their keys (every item replaced: `replace`), as models' and
 * queues' add_or_update_metadata keep it: a map from key to `{key, type, value}`. Refused over MAX_METADATA_KEYS.
 */
export function withMetadata(current: Metadata | undefined, items: Item[], replace: boolean, owner: string): Metadata {
  // A null-prototype map: a key such as "__proto__" is data here, not a prototype change.
  const next: Metadata = Object.create(null);
  if (!replace) Object.assign(next, current ?? {});
  for (const item of items) next[item.key] = { key: item.key, type: item.type ?? undefined, value: item.value ?? undefined };
  if (Object.keys(next).length > MAX_METADATA_KEYS) {
    throw errors.validation(`A ${owner} holds at most ${MAX_METADATA_KEYS} metadata keys`);
  }
  return { ...next };
}

/** Metadata without `keys`; undefined when it held none of them (nothing to write). */
export function withoutMetadata(current: Metadata | undefined, keys: string[]): Metadata | undefined {
  const drop = new Set(keys);
  const entries = Object.entries(current ?? {});
  if (!entries.some(([k]) => drop.has(k))) return undefined;
  return Object.fromEntries(entries.filter(([k]) => !drop.has(k)));
}
