import { ApiError } from './http/errors';

/** A job's failure as it crosses between a worker thread and the server: an API error keeps its code, subcode and data. */
export interface ThreadFailure {
  message: string;
  api?: { code: number; subcode: number; data: Record<string, unknown> };
}

/** What a thread sends back for an error its job threw. */
export function failureOf(e: unknown): ThreadFailure {
  if (e instanceof ApiError) return { message: e.message, api: { code: e.code, subcode: e.subcode, data: e.data } };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** The error the server rebuilds from a thread's failure: the same ApiError, or a plain Error (a 500). */
export function errorOf(f: ThreadFailure): Error {
  return f.api ? new ApiError(f.api.code, f.api.subcode, f.message, f.api.data) : new Error(f.message);
}
