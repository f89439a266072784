import { searchConsole } from '../events/console-search';
import { readSeries } from '../events/series';
import type { Store } from '../store/store';
import { readTaskPage } from '../tasks/page';

/**
 * The long reads a reader thread runs, by name. Each is the same function the main thread runs inline
 * (inside a transaction, or without a pool); its arguments and result cross threads by structured clone.
 */
export const JOBS = {
  scalarSeries: readSeries,
  consoleSearch: searchConsole,
  taskPage: readTaskPage,
} satisfies Record<string, (store: Store, args: never) => Promise<unknown>>;

export type JobName = keyof typeof JOBS;
export type JobArgs<J extends JobName> = Parameters<(typeof JOBS)[J]>[1];
export type JobResult<J extends JobName> = Awaited<ReturnType<(typeof JOBS)[J]>>;

/** A job's failure as it crosses threads: an API error keeps its code, subcode and data. */
export interface JobError {
  message: string;
  api?: { code: number; subcode: number; data: Record<string, unknown> };
}
