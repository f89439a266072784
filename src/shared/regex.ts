/** Escapes a literal for a regex, as the ClearML SDK does for name lookups (`^a\-b/c$`). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\-/]/g, '\\$&');
}

/** The flag that makes a name pattern ignore case (RE2's, which PostgreSQL reads at a pattern's start too). */
export const IGNORE_CASE = '(?i)';

/** `pattern` ignoring case: the flag added once, whether or not the pattern starts with it already. */
export function ignoringCase(pattern: string): string {
  return pattern.startsWith(IGNORE_CASE) ? pattern : IGNORE_CASE + pattern;
}
