/** tasks.update_tags and models.update_tags: the same rule, and the same checks before anything changes. */
import type { RequestLimits } from './config';
import { BATCH } from './batches';
import type { ApiError } from './http/errors';
import { checkTagCount } from './http/limits';

export interface TagUpdate {
  add_tags?: string[];
  remove_tags?: string[];
}

/** A record's tags with the call's added (once each) and its removed taken away. */
export function retagged(tags: readonly string[], u: TagUpdate): string[] {
  const drop = new Set(u.remove_tags ?? []);
  return [...new Set([...tags, ...(u.add_tags ?? [])])].filter((t) => !drop.has(t));
}

/**
 * Reads the call's records a batch at a time before anything changes: an id not found is refused (`missing`), and so
 * is a call that would leave any record over --max-tags.
 */
export async function checkTagUpdate(
  endpoint: string,
  ids: string[],
  read: (batch: string[]) => Promise<{ id: string; tags: string[] }[]>,
  missing: (id: string) => ApiError,
  u: TagUpdate,
  limits: RequestLimits,
): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const found = new Map((await read(batch)).map((r) => [r.id, r]));
    for (const id of batch) {
      const r = found.get(id);
      if (!r) throw missing(id);
      if (u.add_tags?.length) checkTagCount(endpoint, retagged(r.tags, u), limits);
    }
  }
}
