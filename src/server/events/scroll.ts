import { z } from 'zod';
import { errors } from '../http/errors';

/**
 * Scroll ids hold the whole paging state (the request and where the last page ended), so the
 * server keeps nothing between calls. They are opaque to clients; a tampered one is refused.
 */
export function encodeScroll(state: unknown): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

const NOT_OURS = '"scroll_id" is not one this server handed out: pass the scroll_id of the previous answer, or refresh';

export function decodeScroll<S extends z.ZodType>(schema: S, scrollId: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(scrollId, 'base64url').toString('utf8'));
  } catch {
    throw errors.validation(NOT_OURS);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw errors.validation(NOT_OURS);
  return r.data;
}

export const metricsState = z.array(z.object({ metric: z.string(), variants: z.array(z.string()).optional() })).optional();
