import { errors } from './http/errors';
import type { Store } from './store/store';

/** Refuses a name pattern the store cannot run, saying why (400). */
export function assertPattern(store: Store, field: string, pattern: string | undefined): void {
  if (pattern === undefined) return;
  const why = store.patternError(pattern);
  if (why) throw errors.validation(`"${field}" is not a usable regular expression: ${why}`, { field });
}
