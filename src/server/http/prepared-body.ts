import type { z } from 'zod';
import type { RequestLimits } from '../config';
import { parseBody } from './body';
import { checkLimits } from './limits';
import { validate } from './validation';

/** The fields of a request that name the objects it changes (what live/changes.ts reads), kept beside the valid body. */
const ID_FIELDS = ['task', 'tasks', 'id', 'ids', 'model', 'models', 'project', 'projects', 'queue', 'queues'];

/** A request body made ready for its handler: validated, and the id fields of the body as sent (for the live changes). */
export interface PreparedBody {
  value: unknown;
  ids: Record<string, unknown>;
}

/**
 * Parses a JSON body, merges the query's arguments under it, refuses it over a request limit and validates it against
 * the endpoint's schema: the same steps on the event loop (small bodies) and on a body thread (big ones), so both
 * answer a bad body with the same envelope.
 */
export function prepareBody(
  endpoint: string,
  schema: z.ZodType,
  raw: Uint8Array,
  contentType: string | undefined,
  query: Record<string, unknown>,
  limits: RequestLimits,
): PreparedBody {
  let body = parseBody(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), contentType);
  if (Object.keys(query).length && body && typeof body === 'object' && !Array.isArray(body)) {
    body = { ...query, ...(body as Record<string, unknown>) };
  }
  checkLimits(endpoint, body, limits);
  const value = validate(endpoint, schema, body);
  const ids: Record<string, unknown> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const f of ID_FIELDS) if (Object.hasOwn(body, f)) ids[f] = (body as Record<string, unknown>)[f];
  }
  return { value, ids };
}
