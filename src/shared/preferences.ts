/** A user's preferences: one JSON object, changed by keys in dot notation (ClearML's users.set_preferences). */
export type Preferences = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Preferences => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets `value` at `path` in `prefs`, making objects on the way (anything else there is replaced); returns `prefs`. */
export function setAtPath(prefs: Preferences, path: readonly string[], value: unknown): Preferences {
  let at = prefs;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(at[part]) || !Object.hasOwn(at, part)) at[part] = {};
    at = at[part] as Preferences;
  }
  at[path[path.length - 1]] = value;
  return prefs;
}

/** The value at `path`, or undefined. */
export function getAtPath(prefs: Preferences | undefined, path: readonly string[]): unknown {
  let at: unknown = prefs;
  for (const part of path) {
    if (!isPlainObject(at) || !Object.hasOwn(at, part)) return undefined;
    at = at[part];
  }
  return at;
}
