import type { RequestContext } from '../http/endpoint';
import { JOBS, type JobArgs, type JobName, type JobResult } from './jobs';

/**
 * Runs a long read on the reader pool, or inline: when the server has no pool, or inside a transaction
 * (only its connection sees the rows it wrote), or when `long` says this call is a small one.
 */
export function offload<J extends JobName>(
  ctx: Pick<RequestContext, 'store' | 'runtime'>,
  job: J,
  args: JobArgs<J>,
  long = true,
): Promise<JobResult<J>> {
  const pool = ctx.runtime.readers;
  if (pool && long && !ctx.store.inTransaction()) return pool.run(job, args);
  const fn = JOBS[job] as (store: typeof ctx.store, args: JobArgs<J>) => Promise<JobResult<J>>;
  return fn(ctx.store, args);
}
