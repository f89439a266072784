import type { z } from 'zod';
import type { metadataItem } from '../../shared/api/common';
import type { Queue } from '../../shared/api/records';
import { assertRecordBytes } from '../http/record-size';
import { endpoint, type RequestContext } from '../http/endpoint';
import { isoNow } from '../ids';
import { withMetadata, withoutMetadata, type Metadata } from '../metadata';
import { getQueueOr400 } from './entries';

/** Metadata as queues.create and queues.update take it (key -> item), each item under its map key. */
export function metadataOf(map: Record<string, z.infer<typeof metadataItem>> | undefined): Metadata {
  return withMetadata(
    undefined,
    Object.entries(map ?? {}).map(([key, item]) => ({ ...item, key })),
    true,
    'queue',
  );
}

async function stamped(ctx: RequestContext, q: Queue, metadata: Metadata) {
  await ctx.store.queues.update({ ...q, metadata, last_update: isoNow() });
  return { updated: 1 };
}

/** queues.add_or_update_metadata / queues.delete_metadata (queues.conf 2.13), kept as a model's metadata is. */
export const queueMetadataEndpoints = [
  endpoint('queues.add_or_update_metadata', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      const metadata = withMetadata(q.metadata, req.metadata, !!req.replace_metadata, 'queue');
      assertRecordBytes('queues.add_or_update_metadata', { ...q, metadata }, ctx.config);
      return stamped(ctx, q, metadata);
    }),
  ),
  endpoint('queues.delete_metadata', async (req, ctx) =>
    ctx.store.transaction(async () => {
      const q = await getQueueOr400(ctx.store, req.queue);
      const kept = withoutMetadata(q.metadata, req.keys);
      return kept ? stamped(ctx, q, kept) : { updated: 0 };
    }),
  ),
];
