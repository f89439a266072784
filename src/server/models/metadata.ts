import type { Model, ModelMetadataItem } from '../../shared/api/records';
import { endpoint } from '../http/endpoint';
import { assertRecordBytes } from '../http/record-size';
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import { withMetadata, withoutMetadata } from '../metadata';

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
      const next = stamp(m, withMetadata(m.metadata, req.metadata, !!req.replace_metadata, 'model'));
      assertRecordBytes('models.add_or_update_metadata', next, ctx.config);
      await ctx.store.models.update(next);
      return { updated: 1 };
    }),
  ),
  endpoint('models.delete_metadata', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const m = await ctx.store.models.get(req.model);
      if (!m) throw errors.invalidModelId(req.model);
      const kept = withoutMetadata(m.metadata, req.keys);
      if (!kept) return { updated: 0 };
      await ctx.store.models.update(stamp(m, kept));
      return { updated: 1 };
    }),
  ),
];
