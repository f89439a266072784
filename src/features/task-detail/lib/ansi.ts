/**
 * ANSI SGR colours in console lines, read by a small state machine (no regular expression runs on
 * the line): text in, styled spans out. Other escape sequences and control characters are dropped.
 */

export interface AnsiStyle {
  color?: string;
  background?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface AnsiSpan {
  text: string;
  style: AnsiStyle;
}

/** Characters of one line drawn at most; a longer line says how much more there is. */
export const MAX_RENDERED_CHARS = 4000;

/** The 16 basic colours (normal, then bright), readable on a light and on a dark console. */
export const BASIC_COLORS = [
  '#000000',
  '#cd3131',
  '#00a650',
  '#b58900',
  '#2472c8',
  '#bc3fbc',
  '#0598bc',
  '#a0a0a0',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#e5c000',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#e5e5e5',
];

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** xterm's 256-colour palette: the 16 basic ones, a 6×6×6 cube, then 24 greys. */
export function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return BASIC_COLORS[n];
  if (n < 232) {
    const c = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `#${hex(level(Math.floor(c / 36)))}${hex(level(Math.floor(c / 6) % 6))}${hex(level(c % 6))}`;
  }
  const g = 8 + (n - 232) * 10;
  return `#${hex(g)}${hex(g)}${hex(g)}`;
}

/** Applies one SGR sequence's parameters to the current style. */
function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  const s = { ...style };
  if (!params.length) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) for (const k of Object.keys(s)) delete s[k as keyof AnsiStyle];
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 22) s.bold = s.dim = undefined;
    else if (p === 23) s.italic = undefined;
    else if (p === 24) s.underline = undefined;
    else if (p === 27) s.inverse = undefined;
    else if (p >= 30 && p <= 37) s.color = BASIC_COLORS[p - 30];
    else if (p >= 90 && p <= 97) s.color = BASIC_COLORS[p - 90 + 8];
    else if (p === 39) s.color = undefined;
    else if (p >= 40 && p <= 47) s.background = BASIC_COLORS[p - 40];
    else if (p >= 100 && p <= 107) s.background = BASIC_COLORS[p - 100 + 8];
    else if (p === 49) s.background = undefined;
    else if (p === 38 || p === 48) {
      let c: string | undefined;
      if (params[i + 1] === 5) {
        c = color256(params[i + 2]);
        i += 2;
      } else if (params[i + 1] === 2) {
        const [r, g, b] = params.slice(i + 2, i + 5);
        if ([r, g, b].every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) c = `#${hex(r)}${hex(g)}${hex(b)}`;
        i += 4;
      }
      if (p === 38) s.color = c;
      else s.background = c;
    }
  }
  return s;
}

const ESC = 0x1b;

/** Splits a line into styled spans, starting from `initial` (styles carry over from earlier lines only if the caller passes them). */
export function parseAnsi(line: string, max = MAX_RENDERED_CHARS): { spans: AnsiSpan[]; hidden: number } {
  const spans: AnsiSpan[] = [];
  let style: AnsiStyle = {};
  let text = '';
  let shown = 0;
  let hidden = 0;
  const push = () => {
    if (text) spans.push({ text, style });
    text = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === ESC) {
      if (line[i + 1] === ']') {
        // OSC (window title, hyperlink): up to BEL or ESC \, all dropped.
        let j = i + 2;
        while (j < line.length && line.charCodeAt(j) !== 0x07 && !(line.charCodeAt(j) === ESC && line[j + 1] === '\\')) j++;
        i = line.charCodeAt(j) === ESC ? j + 1 : j;
        continue;
      }
      if (line[i + 1] !== '[') {
        i++; // a two-character escape (ESC c, ESC 7...): dropped
        continue;
      }
      // CSI: parameter bytes, intermediate bytes, then one final byte in @..~.
      let j = i + 2;
      while (j < line.length && line.charCodeAt(j) >= 0x20 && line.charCodeAt(j) <= 0x3f) j++;
      const final = line[j];
      if (final === 'm') {
        push();
        const params = line
          .slice(i + 2, j)
          .split(';')
          .map((x) => (x === '' ? 0 : Number(x)));
        style = applySgr(style, params.slice(0, 32));
      }
      i = j;
      continue;
    }
    if (c < 0x20 && c !== 0x09) continue;
    if (shown >= max) {
      hidden++;
      continue;
    }
    text += line[i];
    shown++;
  }
  push();
  return { spans, hidden };
}

/** The line without its escape sequences (for search and copy). */
export function plainText(line: string): string {
  return parseAnsi(line, Infinity)
    .spans.map((s) => s.text)
    .join('');
}
