/** The raw value an added column holds for a row: a hyper-parameter's text, a metric's number, a task field. */
import type { TaskRow } from './api/queries';
import { metricKey, paramKey } from './columns';
import { createHash as md5 } from './md5';

export { formatDuration } from '../../shared/duration';

export function extraValue(key: string, t: TaskRow): string | number | undefined {
  if (key === 'comment') return t.comment;
  if (key === 'parent') return t.parent ?? undefined;
  const p = paramKey(key);
  if (p) return t.hyperparams?.[p.section]?.[p.name]?.value;
  const m = metricKey(key);
  if (m) {
    const v = t.last_metrics?.[md5(m.metric)]?.[md5(m.variant)];
    return (v as Record<string, number | undefined> | undefined)?.[m.field];
  }
  return undefined;
}

/** How long a task ran: from its start to its end, or to now while it runs (ms; undefined if it never started). */
export function runtimeMs(t: TaskRow, now = Date.now()): number | undefined {
  if (!t.started) return undefined;
  const start = Date.parse(t.started);
  const endIso = t.completed ?? (t.status === 'in_progress' ? null : t.last_update);
  const end = endIso ? Date.parse(endIso) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : undefined;
}
