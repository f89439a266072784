/**
 * ClearML's range filters of tasks.get_all(_ex): a field named as a key of the request, its value a
 * list of bounds — `[">=2026-01-01", "<=2026-02-01"]` (also `>` and `<`), or the older `[min, max]`
 * with `null` for an open end. Dates and iterations, metric values and hyper-parameter values.
 */
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import type { RangeFilter } from '../store/store';

const DATE_FIELDS = new Set(['started', 'last_update', 'completed', 'created']);
const NUMBER_FIELDS = new Set(['last_iteration']);
const METRIC = /^last_metrics\.[0-9a-f]{32}\.[0-9a-f]{32}\.(value|min_value|max_value)$/;
const PARAM_PREFIX = 'hyperparams.';
const OPS = ['>=', '<=', '>', '<'] as const;
const MAX_RANGES = 50;

function kindOf(field: string): 'date' | 'number' | null {
  if (DATE_FIELDS.has(field)) return 'date';
  if (NUMBER_FIELDS.has(field) || METRIC.test(field)) return 'number';
  // hyperparams.<section>.<name>.value: the name may itself hold dots, the section may not.
  if (field.startsWith(PARAM_PREFIX) && field.endsWith('.value')) {
    const inner = field.slice(PARAM_PREFIX.length, -'.value'.length);
    const dot = inner.indexOf('.');
    if (dot > 0 && dot < inner.length - 1) return 'number';
  }
  return null;
}

function bound(field: string, kind: 'date' | 'number', raw: unknown): string | number {
  if (kind === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n)) throw errors.validation(`"${field}": ${JSON.stringify(raw)} is not a number`, { field });
    return n;
  }
  const d = typeof raw === 'string' || typeof raw === 'number' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw errors.validation(`"${field}": ${JSON.stringify(raw)} is not a date`, { field });
  // Stored dates are ISO in this form, so text comparison orders them.
  return isoNow(d);
}

function parseOne(field: string, kind: 'date' | 'number', value: unknown): RangeFilter {
  if (!Array.isArray(value) || value.length === 0 || value.length > 2)
    throw errors.validation(`"${field}" takes a range: [">=from", "<=to"] or [from, to]`, { field });
  const out: RangeFilter = { field, kind };
  const withOps = value.every((v) => typeof v === 'string' && OPS.some((op) => v.startsWith(op)));
  if (withOps) {
    for (const v of value as string[]) {
      const op = OPS.find((o) => v.startsWith(o))!;
      const b = bound(field, kind, v.slice(op.length));
      if (op === '>=') out.gte = b;
      else if (op === '<=') out.lte = b;
      else if (op === '>') out.gt = b;
      else out.lt = b;
    }
    return out;
  }
  if (value.length !== 2 || (value[0] == null && value[1] == null))
    throw errors.validation(`"${field}" takes a range: [">=from", "<=to"] or [from, to]`, { field });
  if (value[0] != null) out.gte = bound(field, kind, value[0]);
  if (value[1] != null) out.lte = bound(field, kind, value[1]);
  return out;
}

/** The range filters among a request's fields (other fields are left to the rest of the request). */
export function rangeFilters(req: Record<string, unknown>): RangeFilter[] {
  const out: RangeFilter[] = [];
  for (const [field, value] of Object.entries(req)) {
    const kind = kindOf(field);
    if (!kind || value === undefined || value === null) continue;
    out.push(parseOne(field, kind, value));
  }
  if (out.length > MAX_RANGES) throw errors.validation(`At most ${MAX_RANGES} range filters in one request`, {});
  return out;
}
