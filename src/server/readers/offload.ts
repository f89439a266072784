import type { RequestContext } from '../http/endpoint';
import type { JsonBytes } from '../http/json-bytes';
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

/**
 * `offload` for a job whose result is the endpoint's whole answer: from a reader thread it comes as JSON
 * bytes, which the envelope sends as they are; inline it is the object, as any handler's.
 */
export function offloadAnswer<J extends JobName>(
  ctx: Pick<RequestContext, 'store' | 'runtime'>,
  job: J,
  args: JobArgs<J>,
  long = true,
): Promise<JobResult<J> | JsonBytes<JobResult<J>>> {
  const pool = ctx.runtime.readers;
  if (pool && long && !ctx.store.inTransaction()) return pool.runJson(job, args);
  return offload(ctx, job, args, false);
}
