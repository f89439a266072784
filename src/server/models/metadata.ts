import type { Model, ModelMetadataItem } from '../../shared/api/records';
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import { isoNow } from '../ids';

/** A model holds at most this many metadata keys (ClearML stores them in the model document). */
const MAX_KEYS = 1000;

function stamp(m: Model, metadata: Record<string, ModelMetadataItem>): Model {
  const now = isoNow();
  return { ...m, metadata, last_update: now, last_change: now };
}

/** models.add_or_update_metadata / models.delete_metadata: metadata kept as a map from key to `{key, type, value}`. */
export const modelMetadataEndpoints = [
  endpoint('models.add_or_update_metadata', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await ctx.store.models.get(req.model);
      if (!m) throw errors.invalidModelId(req.model);
      // A null-prototype map: a key such as "__proto__" is data here, not a prototype change.
      const next: Record<string, ModelMetadataItem> = Object.create(null);
      if (!req.replace_metadata) Object.assign(next, m.metadata ?? {});
      for (const item of req.metadata) {
        next[item.key] = { key: item.key, type: item.type ?? undefined, value: item.value ?? undefined };
      }
      if (Object.keys(next).length > MAX_KEYS) {
        throw errors.validation(`A model holds at most ${MAX_KEYS} metadata keys`, { model: m.id });
      }
      await ctx.store.models.update(stamp(m, { ...next }));
      return { updated: 1 };
    }),
  ),
  endpoint('models.delete_metadata', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await ctx.store.models.get(req.model);
      if (!m) throw errors.invalidModelId(req.model);
      const current = m.metadata ?? {};
      const drop = new Set(req.keys);
      if (!Object.keys(current).some((k) => drop.has(k))) return { updated: 0 };
      const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !drop.has(k)));
      await ctx.store.models.update(stamp(m, kept));
      return { updated: 1 };
    }),
  ),
];
