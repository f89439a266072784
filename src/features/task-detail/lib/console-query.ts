/** What the console's search box asks the server for: plain text, or a regular expression typed as ClearML's `/…/flags`. */
export type ConsoleQuery = { text: string } | { text: string; regex: true; flags: string };

/** The flags a JavaScript literal takes: what a person writes after `/…/`. The server says which it does not run. */
const REGEX_FLAGS = 'dgimsuvy';

/**
 * `/pattern/flags` (flags: none or more of a regular expression literal's, after the last slash) is a regular
 * expression, which the server runs in RE2 and whose flags other than `i` it refuses with a reason; anything else
 * is plain text, found ignoring case, a path such as `/home/user` too. No regular expression runs here: the box's
 * text is only split at its slashes.
 */
export function parseConsoleQuery(query: string): ConsoleQuery {
  const end = query.lastIndexOf('/');
  if (!query.startsWith('/') || end < 2) return { text: query };
  const flags = query.slice(end + 1);
  for (const c of flags) if (!REGEX_FLAGS.includes(c)) return { text: query };
  return { text: query.slice(1, end), regex: true, flags };
}
