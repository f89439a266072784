/** Escapes a literal for a regex, as the ClearML SDK does for name lookups (`^a\-b/c$`). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\-/]/g, '\\$&');
}
