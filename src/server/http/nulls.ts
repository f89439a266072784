import type { z } from 'zod';

/**
 * ClearML's request models treat a null field as one not sent. Before validation, a null is
 * dropped wherever the schema would take the field's absence but not a null; where a schema
 * accepts null itself (`parent: null` = top level), the null stays. Free-form values
 * (`z.unknown()`, `jsonObject`) are left exactly as sent.
 */
export function dropAbsentNulls(schema: z.ZodType, value: unknown): unknown {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'object' && isPlainObject(value)) {
    const shape = d.shape as Record<string, z.ZodType>;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!field) continue;
      const v = value[key];
      if (v === null) {
        if (!accepts(field, null) && accepts(field, undefined)) {
          out ??= { ...value };
          delete out[key];
        }
      } else {
        const next = dropAbsentNulls(field, v);
        if (next !== v) (out ??= { ...value })[key] = next;
      }
    }
    return out ?? value;
  }
  if (d.type === 'array' && Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const next = v === null ? v : dropAbsentNulls(d.element as z.ZodType, v);
      if (next !== v) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  if (d.type === 'record' && isPlainObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const next = v === null ? v : dropAbsentNulls(d.valueType as z.ZodType, v);
      if (next !== v) (out ??= { ...value })[k] = next;
    }
    return out ?? value;
  }
  if (d.type === 'union') {
    const kind = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : null;
    const option =
      kind &&
      (d.options as z.ZodType[]).find((o) => {
        const t = defOf(unwrap(o)).type;
        return t === kind || (kind === 'object' && t === 'record');
      });
    return option ? dropAbsentNulls(option, value) : value;
  }
  return value;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type)) s = d.innerType as z.ZodType;
    else if (d.type === 'pipe') s = d.in as z.ZodType;
    else if (d.type === 'lazy') s = (d.getter as () => z.ZodType)();
    else break;
  }
  return s;
}

function defOf(s: z.ZodType): { type: string; [k: string]: unknown } {
  return (s as unknown as { _zod: { def: { type: string } } })._zod.def;
}

const acceptsCache = { null: new WeakMap<object, boolean>(), undefined: new WeakMap<object, boolean>() };

function accepts(s: z.ZodType, v: null | undefined): boolean {
  const cache = v === null ? acceptsCache.null : acceptsCache.undefined;
  let ok = cache.get(s);
  if (ok === undefined) cache.set(s, (ok = s.safeParse(v).success));
  return ok;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
