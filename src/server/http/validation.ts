import type { z } from 'zod';
import { errors } from './errors';
import { dropAbsentNulls } from './nulls';

/** Turns zod issues into one sentence a person can act on. */
export function describeIssues(endpointName: string, issues: z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const where = i.path.length ? `"${i.path.join('.')}"` : 'the request body';
    // Parsed with reportInput, a field that was sent carries its value; a missing one does not.
    if (i.code === 'invalid_type' && (!('input' in i) || i.input === undefined)) return `${where} is required`;
    return `${where}: ${i.message.replace(/^Invalid input: /, '')}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Validation error in ${endpointName}: ${parts.join('; ')}${more}`;
}

export function validate<S extends z.ZodType>(endpointName: string, schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(dropAbsentNulls(schema, body), { reportInput: true });
  if (!r.success) throw errors.validation(describeIssues(endpointName, r.error.issues), { issues: r.error.issues.length });
  return r.data;
}
