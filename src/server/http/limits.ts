import type { RequestLimits } from '../config';
import { errors } from './errors';

/**
 * A worker's id is a name too: it is stored with every report of its machine. So are a metric's and a variant's
 * (kept in the task's last_metrics and in every table of series), an artifact's or a metadata item's key, and a
 * parameter's section: uncapped, one 5 MiB metric name made an 18 MB task whose every read held the server.
 */
const NAME_KEYS = new Set(['name', 'worker', 'metric', 'variant', 'key', 'section']);
// update_tags' lists too: what they add ends up in a record's tags.
const TAG_KEYS = new Set(['tags', 'system_tags', 'add_tags', 'remove_tags']);
/**
 * Free text, and the addresses and script fields a team's dashboard shows (a project's output destination, a model's
 * or file's URI, a repository): none is longer than a text has room for, and uncapped, one was held to the body cap.
 * A diff, packages and event bodies (plots) are left to the body cap: they are large for good reasons.
 */
const TEXT_KEYS = new Set([
  'comment',
  'description',
  'status_message',
  'status_reason',
  'default_output_destination',
  'output_dest',
  'destination',
  'uri',
  'url',
  'repository',
  'branch',
  'tag',
  'version_num',
  'entry_point',
  'working_dir',
  'binary',
]);
/** Subtrees whose strings are parameter or configuration values, or values as free (a task's runtime, a model's design and labels). */
const VALUE_KEYS = new Set(['hyperparams', 'configuration', 'parameters', 'runtime', 'design', 'labels']);

/**
 * Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): in a name or tag they make
 * it read on screen as another ("report\u202Efdp.exe" shows as "reportexe.pdf") and turn the text after it around.
 * The marks (U+200E, U+200F) that right-to-left names need are left alone. A class of single characters: no
 * backtracking.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** The names refused with such a control: what records are known by on screen (a metric's name is left to the body). */
const BIDI_CHECKED = new Set(['name', 'display_name', 'label', 'key', 'section']);

function refuseBidi(endpoint: string, path: (string | number)[], value: string) {
  const c = BIDI_CONTROL.exec(value)![0].codePointAt(0)!.toString(16).toUpperCase();
  return errors.validation(
    `Refused in ${endpoint}: ${where(path)} holds the bidirectional control character U+${c}, which makes a name read ` +
      'on screen as another',
    { field: where(path) },
  );
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** `s` is over `limit` bytes (counted only when it could be: UTF-8 takes at most 3 bytes per UTF-16 unit). */
function over(s: string, limit: number): boolean {
  return s.length > limit || (s.length * 3 > limit && bytes(s) > limit);
}

function where(path: (string | number)[]): string {
  return path.length ? `"${path.join('.')}"` : 'the request body';
}

function refuse(endpoint: string, msg: string, flag: string, field: string) {
  return errors.validation(`Limit exceeded in ${endpoint}: ${msg} (server option --${flag})`, { field, flag });
}

interface Item {
  value: unknown;
  path: (string | number)[];
  depth: number;
  inValues: boolean;
}

/** Keys whose values have caps of their own: an event holding one is checked by checkLimits, key by key. */
export const CHECKED_KEYS = new Set([...NAME_KEYS, ...TAG_KEYS, ...TEXT_KEYS, ...VALUE_KEYS]);

/** An object of strings, numbers, booleans and nulls only, each under a key without a cap or within a name's. */
function flatAndPlain(v: unknown, l: RequestLimits): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if ((x !== null && typeof x === 'object') || k.length > l.maxNameBytes) return false;
    // A scalar event's metric and variant: a name within its cap needs no more than this.
    if (CHECKED_KEYS.has(k) && !(NAME_KEYS.has(k) && (typeof x !== 'string' || !over(x, l.maxNameBytes)))) return false;
  }
  return true;
}

/**
 * Refuses a parsed request body that is nested too deep, holds too long a list, or a name, tag,
 * text or parameter value over its limit. Iterative (a 10,000-deep body must not exhaust the stack);
 * the top level of a batch (an array of events) is not a list in this sense.
 */
export function checkLimits(endpoint: string, body: unknown, l: RequestLimits): void {
  const stack: Item[] = [{ value: body, path: [], depth: 0, inValues: false }];
  while (stack.length) {
    const { value, path, depth, inValues } = stack.pop()!;
    const key = path.length ? path[path.length - 1] : undefined;
    // `where(path)` only when refusing: joining every path of a 10k-event batch cost more than the rest of the check.
    if (typeof value === 'string') {
      if (typeof key !== 'string' && typeof path[path.length - 2] === 'string' && TAG_KEYS.has(path[path.length - 2] as string)) {
        if (over(value, l.maxTagBytes)) {
          throw refuse(
            endpoint,
            `a tag in ${where(path.slice(0, -1))} is ${bytes(value)} bytes, over the limit of ${l.maxTagBytes} bytes`,
            'max-tag-bytes',
            where(path),
          );
        }
        if (BIDI_CONTROL.test(value)) throw refuseBidi(endpoint, path, value);
      } else if (typeof key === 'string' && NAME_KEYS.has(key) && over(value, l.maxNameBytes)) {
        throw refuse(
          endpoint,
          `${where(path)} is ${bytes(value)} bytes, over the limit of ${l.maxNameBytes} bytes`,
          'max-name-bytes',
          where(path),
        );
      } else if (typeof key === 'string' && BIDI_CHECKED.has(key) && BIDI_CONTROL.test(value)) {
        throw refuseBidi(endpoint, path, value);
      } else if (typeof key === 'string' && TEXT_KEYS.has(key) && over(value, l.maxTextBytes)) {
        throw refuse(
          endpoint,
          `${where(path)} is ${bytes(value)} bytes, over the limit of ${l.maxTextBytes} bytes`,
          'max-text-bytes',
          where(path),
        );
      } else if (inValues && over(value, l.maxValueBytes)) {
        throw refuse(
          endpoint,
          `${where(path)} is ${bytes(value)} bytes, over the limit of ${l.maxValueBytes} bytes`,
          'max-value-bytes',
          where(path),
        );
      }
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= l.maxJsonDepth) {
      throw refuse(
        endpoint,
        `the request nests deeper than ${l.maxJsonDepth} levels (at ${where(path).slice(0, 200)})`,
        'max-json-depth',
        where(path),
      );
    }
    if (Array.isArray(value)) {
      if (typeof key === 'string' && TAG_KEYS.has(key) && value.length > l.maxTags) {
        throw refuse(
          endpoint,
          `${where(path)} holds ${value.length} tags, over the limit of ${l.maxTags}`,
          'max-tags',
          where(path),
        );
      }
      if (path.length && value.length > l.maxIds) {
        throw refuse(
          endpoint,
          `${where(path)} holds ${value.length} items, over the limit of ${l.maxIds}`,
          'max-ids',
          where(path),
        );
      }
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i];
        // An event of a batch that holds only plain values under ordinary keys has nothing to refuse.
        if (!path.length && depth + 1 < l.maxJsonDepth && flatAndPlain(v, l)) continue;
        if (typeof v === 'string' || (v && typeof v === 'object'))
          stack.push({ value: v, path: [...path, i], depth: depth + 1, inValues });
      }
    } else {
      for (const [k, v] of Object.entries(value)) {
        if (k.length > l.maxNameBytes) {
          throw refuse(
            endpoint,
            `a key in ${where(path)} is ${bytes(k)} bytes, over the limit of ${l.maxNameBytes} bytes`,
            'max-name-bytes',
            where(path),
          );
        }
        if (typeof v === 'string' || (v && typeof v === 'object')) {
          stack.push({ value: v, path: [...path, k], depth: depth + 1, inValues: inValues || VALUE_KEYS.has(k) });
        }
      }
    }
  }
}

/**
 * Refuses a record's tags after an update_tags call when they would be over `--max-tags`: each call's list is capped,
 * and without this, calls one after another could grow a record's tags without end.
 */
export function checkTagCount(endpoint: string, tags: readonly string[], l: RequestLimits): void {
  if (tags.length > l.maxTags)
    throw refuse(endpoint, `a record would hold ${tags.length} tags, over the limit of ${l.maxTags}`, 'max-tags', 'add_tags');
}
