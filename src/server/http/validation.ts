import type { z } from 'zod';
import { errors } from './errors';

/** Turns zod issues into one sentence a person can act on. */
export function describeIssues(endpointName: string, issues: z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((i) => {
    const where = i.path.length ? `"${i.path.join('.')}"` : 'the request body';
    if (i.code === 'invalid_type' && i.input === undefined) return `${where} is required`;
    return `${where}: ${i.message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Validation error in ${endpointName}: ${parts.join('; ')}${more}`;
}

export function validate<S extends z.ZodType>(endpointName: string, schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw errors.validation(describeIssues(endpointName, r.error.issues), { issues: r.error.issues.length });
  return r.data;
}
