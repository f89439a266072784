/**
 * Reads the HOCON that clearml.conf is written in, as far as a connection needs it: nested
 * `key { ... }` blocks, `key: value` / `key = value`, dotted keys (`api.api_server: ...`), quoted
 * keys and values, `#` and `//` comments, arrays, and repeated blocks merged. Substitutions
 * (`${VAR}`) are kept as text. One pass over the characters; no regular expressions.
 */
export type HoconValue = string | HoconValue[] | HoconObject;
export interface HoconObject {
  [key: string]: HoconValue;
}

/** A recursive-descent reader over the characters (keys and values are read differently: a value may hold `:`). */
class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private get c(): string | undefined {
    return this.s[this.i];
  }

  private atComment(): boolean {
    return this.c === '#' || (this.c === '/' && this.s[this.i + 1] === '/');
  }

  /** Skips blanks and comments; with `lines`, also newlines and commas (member separators). */
  private skip(lines: boolean) {
    for (;;) {
      const c = this.c;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF' || (lines && (c === '\n' || c === ','))) this.i++;
      else if (c !== undefined && this.atComment()) while (this.c !== undefined && this.c !== '\n') this.i++;
      else return;
    }
  }

  private quoted(): string {
    let v = '';
    this.i++;
    while (this.c !== undefined && this.c !== '"' && this.c !== '\n') {
      if (this.c === '\\' && this.i + 1 < this.s.length) {
        const e = this.s[this.i + 1];
        v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        this.i += 2;
      } else v += this.s[this.i++];
    }
    if (this.c === '"') this.i++;
    return v;
  }

  /** A key path: dotted segments, each quoted or bare. */
  private key(): string[] {
    const path: string[] = [];
    let seg = '';
    for (;;) {
      const c = this.c;
      if (c === '"') seg += this.quoted();
      else if (c === '.') {
        path.push(seg.trim());
        seg = '';
        this.i++;
      } else if (
        c === undefined ||
        c === ':' ||
        c === '=' ||
        c === '{' ||
        c === '[' ||
        c === ']' ||
        c === '\n' ||
        c === ',' ||
        c === '}' ||
        this.atComment()
      )
        break;
      else seg += this.s[this.i++];
    }
    path.push(seg.trim());
    return path;
  }

  /** A value to the end of its line (or a separator); quoted parts joined with the bare ones. */
  private scalar(): string {
    let v = '';
    let blank = true;
    for (;;) {
      const c = this.c;
      if (c === undefined || c === '\n' || c === ',' || c === '}' || c === ']' || c === '#') break;
      // `//` starts a comment only after a blank: in http://host it is part of the value.
      if (c === '/' && this.s[this.i + 1] === '/' && blank) break;
      if (c === '"') {
        v += this.quoted();
        blank = false;
      } else {
        blank = c === ' ' || c === '\t';
        v += this.s[this.i++];
      }
    }
    return v.trim();
  }

  private value(): HoconValue {
    if (this.c === '{') {
      this.i++;
      return this.object();
    }
    if (this.c === '[') {
      this.i++;
      return this.array();
    }
    return this.scalar();
  }

  /** Members until `}` (or the end, for the root). */
  object(root = false): HoconObject {
    const into: HoconObject = {};
    for (;;) {
      this.skip(true);
      if (this.c === undefined) return into;
      if (this.c === '}') {
        this.i++;
        if (root) continue;
        return into;
      }
      const start = this.i;
      const path = this.key();
      this.skip(false);
      if (this.c === ':' || this.c === '=') {
        this.i++;
        this.skip(false);
      }
      const value = this.value();
      if (path.some((k) => k)) set(into, path, value);
      if (this.i === start) this.i++; // a stray character: skip it rather than fail on a hand-edited file
    }
  }

  private array(): HoconValue[] {
    const out: HoconValue[] = [];
    for (;;) {
      this.skip(true);
      if (this.c === undefined) return out;
      if (this.c === ']') {
        this.i++;
        return out;
      }
      const start = this.i;
      out.push(this.value());
      if (this.i === start) this.i++;
    }
  }
}

function set(obj: HoconObject, path: string[], value: HoconValue) {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    const cur = o[k];
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) o[k] = {};
    o = o[k] as HoconObject;
  }
  const last = path[path.length - 1];
  const prev = o[last];
  // A repeated block merges into the earlier one; anything else replaces it.
  if (isObject(prev) && isObject(value)) for (const [k, v] of Object.entries(value)) set(prev, [k], v);
  else o[last] = value;
}

function isObject(v: HoconValue | undefined): v is HoconObject {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function parseHocon(text: string): HoconObject {
  return new Parser(text).object(true);
}

/** The value at a dotted path, when it is a string. */
export function hoconString(root: HoconObject, path: string): string | undefined {
  let v: HoconValue | undefined = root;
  for (const k of path.split('.')) v = isObject(v) ? v[k] : undefined;
  return typeof v === 'string' ? v : undefined;
}
