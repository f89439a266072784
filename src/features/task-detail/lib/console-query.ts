/** What the console's search box asks the server for: plain text, or a regular expression typed as ClearML's `/…/flags`. */
export type ConsoleQuery = { text: string } | { text: string; regex: true; flags: string };

/**
 * `/pattern/flags` (flags: letters after the last slash, none or more) is a regular expression, which the server
 * runs in RE2 and whose unknown flags it refuses with a reason; anything else is plain text, found ignoring case.
 * No regular expression runs here: the box's text is only split at its slashes.
 */
export function parseConsoleQuery(query: string): ConsoleQuery {
  const end = query.lastIndexOf('/');
  if (!query.startsWith('/') || end < 2) return { text: query };
  const flags = query.slice(end + 1);
  for (const c of flags) if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return { text: query };
  return { text: query.slice(1, end), regex: true, flags };
}
