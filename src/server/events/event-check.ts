import type { z } from 'zod';
import { event as eventSchema } from '../../shared/api/events';
import { dropAbsentNulls } from '../http/nulls';

export type Event = z.infer<typeof eventSchema>;

const absent = (v: unknown) => v === undefined || v === null;
const optString = (v: unknown) => absent(v) || typeof v === 'string';
const optNumber = (v: unknown) => absent(v) || (typeof v === 'number' && Number.isFinite(v));
const optBool = (v: unknown) => absent(v) || typeof v === 'boolean';

/**
 * Whether a scalar or console event is certainly one the zod schema accepts. Only these two
 * kinds, which make up nearly every batch, are checked by hand; anything unusual returns false
 * and goes to the schema, which then names what is wrong.
 */
function plainScalarOrLog(item: unknown): item is Event {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const e = item as Record<string, unknown>;
  return (
    (e.type === 'training_stats_scalar' || e.type === 'log') &&
    typeof e.task === 'string' &&
    e.task !== '' &&
    optNumber(e.timestamp) &&
    (absent(e.iter) || Number.isSafeInteger(e.iter)) &&
    optString(e.metric) &&
    optString(e.variant) &&
    optNumber(e.value) &&
    optString(e.msg) &&
    optString(e.level) &&
    optString(e.worker) &&
    optString(e.plot_str) &&
    optString(e.url) &&
    optString(e.key) &&
    optString(e.model) &&
    optBool(e.model_event) &&
    optBool(e.allow_locked)
  );
}

/**
 * One event of a batch, checked: the event itself (nulls of optional fields read as absent by
 * every consumer), or the reason it is refused. The hand-checked path returns the parsed object
 * as it is, without a copy.
 */
export function checkEvent(item: unknown): Event | string {
  if (plainScalarOrLog(item)) return item;
  const r = eventSchema.safeParse(dropAbsentNulls(eventSchema, item));
  if (r.success) return r.data;
  const i = r.error.issues[0];
  return `invalid event: ${i.path.join('.') || 'event'}: ${i.message}`;
}
