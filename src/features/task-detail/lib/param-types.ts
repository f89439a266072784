/**
 * Hyper-parameter values are strings (as ClearML stores them) with a `type` saying what
 * they hold. These check a value against its type before it is saved.
 */
export type ParamKind = 'int' | 'float' | 'bool' | 'list' | 'str';

export function kindOf(type: string | undefined): ParamKind {
  const t = (type ?? '').toLowerCase();
  if (t === 'int' || t === 'integer') return 'int';
  if (t === 'float' || t === 'number' || t === 'double') return 'float';
  if (t === 'bool' || t === 'boolean') return 'bool';
  if (t.startsWith('list') || t.startsWith('tuple') || t === 'array') return 'list';
  return 'str';
}

/** Null when the value fits its kind, else what is wrong with it. */
export function validateParam(kind: ParamKind, value: string): string | null {
  const v = value.trim();
  switch (kind) {
    case 'int':
      return /^[-+]?\d+$/.test(v) ? null : 'must be a whole number';
    case 'float':
      return v !== '' && Number.isFinite(Number(v)) ? null : 'must be a number';
    case 'bool':
      return /^(true|false)$/i.test(v) ? null : 'must be True or False';
    case 'list':
      // Python writes lists with single quotes; accept JSON after swapping them.
      try {
        return Array.isArray(
          JSON.parse(
            v
              .replace(/'/g, '"')
              .replace(/\bTrue\b/g, 'true')
              .replace(/\bFalse\b/g, 'false')
              .replace(/\bNone\b/g, 'null')
              .replace(/^\((.*)\)$/, '[$1]'),
          ),
        )
          ? null
          : 'must be a list, like [1, 2, 3]';
      } catch {
        return 'must be a list, like [1, 2, 3]';
      }
    case 'str':
      return null;
  }
}

/** Booleans are written the way Python prints them, so an agent's script reads them back. */
export function normalizeParam(kind: ParamKind, value: string): string {
  if (kind === 'bool') return /^true$/i.test(value.trim()) ? 'True' : 'False';
  if (kind === 'int' || kind === 'float') return value.trim();
  return value;
}
