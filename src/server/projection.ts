import type { Listed } from '../shared/api/results';
import { errors } from './http/errors';

/**
 * Keeps only the dotted paths asked for (`only_fields`), always with `id`. As clearml-server does,
 * each parent object on a path is kept when the source has it as an object, even when the leaf is
 * missing: `runtime.version` on a task without a version gives `runtime: {}`.
 */
export function project<T extends object>(obj: T, fields: string[] | undefined): Partial<T> {
  if (!fields?.length) return obj;
  const out: Record<string, unknown> = { id: (obj as Record<string, unknown>).id };
  for (const f of fields) {
    const path = f.split('.');
    let src: unknown = obj;
    let dst = out;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      if (!isObject(src) || !Object.hasOwn(src, key)) break;
      const value = src[key];
      if (i === path.length - 1) {
        dst[key] = value;
      } else if (isObject(value)) {
        const next = dst[key];
        dst = (isObject(next) ? next : (dst[key] = {})) as Record<string, unknown>;
      } else break;
      src = value;
    }
  }
  return out as Partial<T>;
}

/** `project` for a list answer: the contract types it as whole records (see `Listed`). */
export function listed<T extends object>(obj: T, fields: string[] | undefined): Listed<T> {
  return project(obj, fields) as Listed<T>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `order_by` entries (`-name` for descending) as sort keys. */
export function sortKeys(orderBy: string[] | string | undefined): { field: string; desc: boolean }[] {
  const list = typeof orderBy === 'string' ? [orderBy] : (orderBy ?? []);
  return list
    .filter((s) => s && !s.startsWith('@'))
    .map((s) => (s.startsWith('-') ? { field: s.slice(1), desc: true } : { field: s.replace(/^\+/, ''), desc: false }));
}

/** Splits ClearML tag filters: plain tags are required (any of them), `-tag` excludes, `__$all`/`__$any`/`__$not` switch mode. */
export function tagFilter(tags: string[] | undefined): { all?: string[]; any?: string[]; none?: string[] } | undefined {
  if (!tags?.length) return undefined;
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  let mode: 'any' | 'all' = 'any';
  let negate = false;
  for (const t of tags) {
    if (t === '__$all') mode = 'all';
    else if (t === '__$any') mode = 'any';
    else if (t === '__$not') negate = true;
    else if (t.startsWith('-') || negate) {
      none.push(t.startsWith('-') ? t.slice(1) : t);
      negate = false;
    } else (mode === 'all' ? all : any).push(t);
  }
  return { all, any, none };
}

export function asList<T>(v: T | T[] | undefined | null): T[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : [v];
}

export interface PageLimits {
  /** Page size of a list call that asks for no paging (and names no ids). */
  defaultPageSize: number;
  /** Largest page a list call gets, whatever it asks for. */
  maxPageSize: number;
}

/** The offset of the next page (base 36), then optionally a keyset cursor (base64url JSON). */
const SCROLL_ID = /^([0-9a-z]{1,11})(?:\.([A-Za-z0-9_-]{1,8192}))?$/;

function decodeCursor(text: string): (string | number)[] {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || v.length > 32 || !v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    throw errors.validation(`"scroll_id" is not one this server handed out: pass the scroll_id of the previous answer, or none`);
  }
  return v as (string | number)[];
}

/**
 * Page/size/scroll arguments as offset and limit. A scroll id is the offset of the next page.
 * Every page is capped; a call without paging gets the default page, or all the ids it names
 * (their count is capped by the id-list limit), or `unpaged` when the list is small by nature.
 */
export function paging(
  req: { page?: number; page_size?: number; size?: number; scroll_id?: string | null; refresh_scroll?: boolean },
  limits: PageLimits,
  opts: { ids?: unknown[]; unpaged?: number } = {},
): { offset: number; limit: number; scrolling: boolean; after?: (string | number)[] } {
  const cap = (n: number) => Math.min(n, limits.maxPageSize);
  if (req.size !== undefined || req.scroll_id) {
    let from = 0;
    let after: (string | number)[] | undefined;
    if (req.scroll_id && !req.refresh_scroll) {
      const m = SCROLL_ID.exec(req.scroll_id);
      if (!m) {
        throw errors.validation(
          `"scroll_id" is not one this server handed out: pass the scroll_id of the previous answer, or none`,
        );
      }
      from = Number.parseInt(m[1], 36);
      if (m[2]) after = decodeCursor(m[2]);
    }
    return { offset: from, limit: cap(req.size ?? req.page_size ?? limits.defaultPageSize), scrolling: true, after };
  }
  if (req.page_size !== undefined) {
    // The page starts where the caller counts it; only its length is capped.
    const offset = (req.page ?? 0) * req.page_size;
    if (!Number.isSafeInteger(offset)) throw errors.validation(`"page" ${req.page} is too large for page_size ${req.page_size}`);
    return { offset, limit: cap(req.page_size), scrolling: false };
  }
  if (opts.ids?.length) return { offset: 0, limit: Math.max(opts.ids.length, limits.defaultPageSize), scrolling: false };
  return { offset: 0, limit: cap(opts.unpaged ?? limits.defaultPageSize), scrolling: false };
}

/** The next page's scroll id; with `cursor` (the last row's order-key values) the store can page by keyset. */
export function nextScrollId(offset: number, returned: number, cursor?: (string | number)[]): string {
  const next = (offset + returned).toString(36);
  return cursor ? `${next}.${Buffer.from(JSON.stringify(cursor)).toString('base64url')}` : next;
}
