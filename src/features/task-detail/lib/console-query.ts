/** What the console's search box asks the server for: plain text, or a regular expression typed as ClearML's `/…/flags`. */
export type ConsoleQuery = { text: string } | { text: string; regex: true; flags: string };

/**
 * The flags the server runs (ignore case): `/…/` followed by others is text, so that a path whose last part is all
 * flag letters of some engine (`/home/dim`, `/usr/bin/vim`) is searched for as it is.
 */
const REGEX_FLAGS = 'i';

/**
 * `/pattern/` or `/pattern/i` is a regular expression, which the server runs in RE2; anything else is plain text,
 * found ignoring case, a path such as `/home/user` too. No regular expression runs here: the box's
 * text is only split at its slashes.
 */
export function parseConsoleQuery(query: string): ConsoleQuery {
  const end = query.lastIndexOf('/');
  if (!query.startsWith('/') || end < 2) return { text: query };
  const flags = query.slice(end + 1);
  for (const c of flags) if (!REGEX_FLAGS.includes(c)) return { text: query };
  return { text: query.slice(1, end), regex: true, flags };
}
