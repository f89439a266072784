/**
 * ClearML's range filters of tasks.get_all(_ex): a field named as a key of the request, its value a
 * list of bounds — `[">=2026-01-01", "<=2026-02-01"]` (also `>` and `<`), or the older `[min, max]`
 * with `null` for an open end. Dates and iterations, metric values and hyper-parameter values.
 */
import { errors } from '../http/errors';
import { isoNow } from '../ids';
import type { ParamValuesFilter, RangeFilter } from '../store/store';

const DATE_FIELDS = new Set(['started', 'last_update', 'completed', 'created']);
const NUMBER_FIELDS = new Set(['last_iteration']);
const METRIC = /^last_metrics\.[0-9a-f]{32}\.[0-9a-f]{32}\.(value|min_value|max_value)$/;
const PARAM_PREFIX = 'hyperparams.';
const OPS = ['>=', '<=', '>', '<'] as const;
const MAX_RANGES = 50;

/** hyperparams.<section>.<name>.value: the name may itself hold dots, the section may not. */
function paramOf(field: string): { section: string; name: string } | null {
  if (!field.startsWith(PARAM_PREFIX) || !field.endsWith('.value')) return null;
  const inner = field.slice(PARAM_PREFIX.length, -'.value'.length);
  const dot = inner.indexOf('.');
  return dot > 0 && dot < inner.length - 1 ? { section: inner.slice(0, dot), name: inner.slice(dot + 1) } : null;
}

/** A list of bounds (">=1", "<5"): the range form; anything else given for a parameter is a list of values. */
const isBounds = (value: unknown) =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && OPS.some((op) => v.startsWith(op)));

function kindOf(field: string, value: unknown): 'date' | 'number' | null {
  if (DATE_FIELDS.has(field)) return 'date';
  if (NUMBER_FIELDS.has(field) || METRIC.test(field)) return 'number';
  // A parameter takes bounds (a Taskdeck addition) or, as ClearML's list field, values (paramValueFilters).
  if (paramOf(field) && isBounds(value)) return 'number';
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
    const kind = kindOf(field, value);
    if (!kind || value === undefined || value === null) continue;
    out.push(parseOne(field, kind, value));
  }
  if (out.length > MAX_RANGES) throw errors.validation(`At most ${MAX_RANGES} range filters in one request`, {});
  return out;
}

const MAX_VALUES = 100;
const MAX_VALUE_LENGTH = 10_000;

/**
 * ClearML's list filter on hyperparameters (`hyperparams.*` is a list field of tasks.get_all): a parameter's field
 * given values keeps the tasks holding one of them; a null among them keeps those without the parameter too.
 */
export function paramValueFilters(req: Record<string, unknown>): ParamValuesFilter[] {
  const out: ParamValuesFilter[] = [];
  for (const [field, raw] of Object.entries(req)) {
    const key = paramOf(field);
    if (!key || raw === undefined || isBounds(raw)) continue;
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length > MAX_VALUES) throw errors.validation(`"${field}": at most ${MAX_VALUES} values`, { field });
    const values: string[] = [];
    let missing = false;
    for (const v of list) {
      if (v === null) missing = true;
      else if ((typeof v === 'string' && v.length <= MAX_VALUE_LENGTH) || typeof v === 'number' || typeof v === 'boolean')
        values.push(String(v));
      else throw errors.validation(`"${field}" takes values: text, numbers or null`, { field });
    }
    if (key.section.length > 200 || key.name.length > 200) throw errors.validation(`"${field}": the name is too long`, { field });
    out.push({ ...key, values, missing });
  }
  if (out.length > MAX_RANGES) throw errors.validation(`At most ${MAX_RANGES} parameter filters in one request`, {});
  return out;
}
