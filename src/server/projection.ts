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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `order_by` entries (`-name` for descending) as sort keys. */
export function sortKeys(orderBy: string[] | string | undefined): { field: string; desc: boolean }[] {
  const list = typeof orderBy === 'string' ? [orderBy] : orderBy ?? [];
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

/** Page/size/scroll arguments as offset and limit. A scroll id is the offset of the next page. */
export function paging(req: { page?: number; page_size?: number; size?: number; scroll_id?: string | null; refresh_scroll?: boolean }): {
  offset: number;
  limit?: number;
  scrolling: boolean;
} {
  if (req.size !== undefined || req.scroll_id) {
    const from = req.scroll_id && !req.refresh_scroll ? Number.parseInt(req.scroll_id, 36) || 0 : 0;
    return { offset: from, limit: req.size ?? req.page_size ?? 500, scrolling: true };
  }
  if (req.page_size !== undefined) return { offset: (req.page ?? 0) * req.page_size, limit: req.page_size, scrolling: false };
  return { offset: 0, limit: undefined, scrolling: false };
}

export function nextScrollId(offset: number, returned: number): string {
  return (offset + returned).toString(36);
}
