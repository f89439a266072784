/** users.get_preferences and users.set_preferences: each user's dashboard preferences, one JSON object, capped. */
import { endpoint } from '../http/endpoint';
import { errors } from '../http/errors';
import type { Store } from '../store/store';
import { isPlainObject, setAtPath, type Preferences } from '../../shared/preferences';

/** Keys deeper than this are refused: a preference is a setting, not a document. */
const MAX_DEPTH = 8;
const MAX_KEY_LENGTH = 200;
/** Names that would reach an object's prototype when set on a plain object. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** A key's path, or the reason it is refused. */
function pathOf(key: string): string[] {
  const path = key.split('.');
  if (path.length > MAX_DEPTH) throw errors.badRequest(`preferences: "${key.slice(0, 100)}" is deeper than ${MAX_DEPTH} levels`);
  for (const part of path) {
    if (!part || part.length > MAX_KEY_LENGTH)
      throw errors.badRequest(`preferences: each part of a key must hold 1 to ${MAX_KEY_LENGTH} characters`);
    if (FORBIDDEN.has(part)) throw errors.badRequest(`preferences: "${part}" cannot be a key`);
  }
  return path;
}

/** The value with every key of its objects checked as a key's parts are (a value may be an object too). */
function checked(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((v) => checked(v, depth + 1));
  if (!isPlainObject(value)) return value;
  if (depth > MAX_DEPTH) throw errors.badRequest(`preferences: a value nests deeper than ${MAX_DEPTH} levels`);
  const out: Preferences = {};
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN.has(k)) throw errors.badRequest(`preferences: "${k}" cannot be a key`);
    out[k] = checked(v, depth + 1);
  }
  return out;
}

/** Sets each change at its dotted path in `prefs` (objects made on the way, anything else there replaced). */
export function applyChanges(prefs: Preferences, changes: Preferences): Preferences {
  for (const [key, value] of Object.entries(changes)) {
    const path = pathOf(key);
    setAtPath(prefs, path, checked(value, path.length));
  }
  return prefs;
}

const parse = (doc: string | null): Preferences => {
  const v: unknown = doc ? JSON.parse(doc) : {};
  return isPlainObject(v) ? v : {};
};

/** The signed-in user's preferences, {} when none were stored. */
export async function preferencesOf(store: Store, user: string) {
  return parse(await store.auth.getPreferences(user));
}

export const preferencesEndpoints = [
  endpoint('users.get_preferences', async (_req, ctx) => ({ preferences: await preferencesOf(ctx.store, ctx.identity.user) }), {
    access: 'self',
  }),
  endpoint(
    'users.set_preferences',
    async (req, ctx) => {
      const cap = ctx.config.maxTextBytes;
      await ctx.store.auth.updatePreferences(ctx.identity.user, (doc) => {
        const next = JSON.stringify(applyChanges(parse(doc), req.preferences));
        if (Buffer.byteLength(next) > cap)
          throw errors.badRequest(
            `preferences: ${Buffer.byteLength(next)} bytes with this change, over the limit of ${cap} bytes (--max-text-bytes)`,
          );
        return next;
      });
      return { updated: 1 as const, fields: req.preferences };
    },
    { access: 'self' },
  ),
];
