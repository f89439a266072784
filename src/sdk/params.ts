/**
 * Hyper-parameters travel as strings with a type name (ClearML's convention); these turn a
 * plain object into that form and the server's strings back into the object's own types.
 */
import type { ParamsItem } from '../shared/api/records';

export type ParamValue = string | number | boolean | null | undefined | ParamValue[] | { [k: string]: ParamValue };
export type ParamObject = { [k: string]: ParamValue };

/** One flattened parameter: the stored item's name, value and type, without its section. */
export type FlatParam = Required<Pick<ParamsItem, 'name' | 'value' | 'type'>>;

function isPlainObject(v: unknown): v is Record<string, ParamValue> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function typeName(v: ParamValue): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  return 'str';
}

export function toParamString(v: ParamValue): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

/** Nested objects become `outer/inner` names, as the ClearML SDK does. */
export function flatten(obj: ParamObject, prefix = ''): FlatParam[] {
  const out: FlatParam[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'function') continue;
    const name = prefix ? `${prefix}/${k}` : k;
    if (isPlainObject(v)) out.push(...flatten(v, name));
    else out.push({ name, value: toParamString(v), type: typeName(v) });
  }
  return out;
}

/** Turns a stored string into the type of `like` (the script's own default). */
export function castLike(like: ParamValue, value: string, name: string): ParamValue {
  if (typeof like === 'number') {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n))
      throw new Error(`Parameter "${name}" should be a number, but the task holds "${value}"`);
    return n;
  }
  if (typeof like === 'boolean') {
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off', ''].includes(v)) return false;
    throw new Error(`Parameter "${name}" should be true or false, but the task holds "${value}"`);
  }
  if (Array.isArray(like)) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed as ParamValue[];
    } catch {
      // fall through: a comma-separated list typed by hand
    }
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (like === null || like === undefined) return value === '' || value === 'None' ? like : value;
  return value;
}

/**
 * A copy of `obj` with every value the server holds (by flattened name) typed back like the
 * original. Names the server does not know keep their local value.
 */
export function applyOverrides<T extends ParamObject>(obj: T, stored: Record<string, string>, prefix = ''): T {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(obj)) {
    const name = prefix ? `${prefix}/${k}` : k;
    if (isPlainObject(v)) out[k] = applyOverrides(v, stored, name);
    else out[k] = name in stored ? castLike(v, stored[name], name) : v;
  }
  return out as T;
}
