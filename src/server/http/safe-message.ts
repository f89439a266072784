/** Absolute file paths (`/a/b`, `C:\a\b`) inside a message; each segment starts with a separator, so no backtracking. */
const FILE_PATH = /(?:[A-Za-z]:)?(?:[\\/][^\\/\s'"`]+){2,}/g;

/**
 * An unexpected error's message, fit to send to a client: shortened, and with any server file path
 * (an EISDIR or SqliteError can name one) replaced, so that a failure never tells where the data lives.
 */
export function safeMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.slice(0, 500).replace(FILE_PATH, '<path>');
}
