import type { RequestContext } from '../http/endpoint';
import { JsonBytes } from '../http/json-bytes';
import type { Skeleton } from '../events/histograms';
import { JOBS, type JobArgs, type JobName, type JobResult } from './jobs';

/** Who a read is for: the caller's user, whose long reads are taken in turn with other users' (ReaderPool). */
type Caller = Pick<RequestContext, 'store' | 'runtime'> & { identity?: Pick<RequestContext['identity'], 'user'> };

const callerOf = (ctx: Caller) => ctx.identity?.user ?? '';

/**
 * Runs a long read on the reader pool, or inline: when the server has no pool, or inside a transaction
 * (only its connection sees the rows it wrote), or when `long` says this call is a small one.
 */
export function offload<J extends JobName>(ctx: Caller, job: J, args: JobArgs<J>, long = true): Promise<JobResult<J>> {
  const pool = ctx.runtime.readers;
  if (pool && long && !ctx.store.inTransaction()) return pool.run(job, args, callerOf(ctx));
  const fn = JOBS[job] as (store: typeof ctx.store, args: JobArgs<J>) => Promise<JobResult<J>>;
  return fn(ctx.store, args);
}

/**
 * `offload` for a job whose result is the endpoint's whole answer: from a reader thread it comes as JSON
 * bytes, which the envelope sends as they are; inline it is the object, as any handler's.
 */
export function offloadAnswer<J extends JobName>(
  ctx: Caller,
  job: J,
  args: JobArgs<J>,
  long = true,
): Promise<JobResult<J> | JsonBytes<JobResult<J>>> {
  const pool = ctx.runtime.readers;
  if (pool && long && !ctx.store.inTransaction()) return pool.runJson(job, args, callerOf(ctx));
  return offload(ctx, job, args, false);
}

/** Whether a read of `parts` parts is worth splitting over the reader threads: several threads, several parts. */
export function splits(ctx: Pick<RequestContext, 'store' | 'runtime'>, parts: number): boolean {
  const pool = ctx.runtime.readers;
  return !!pool && pool.size > 1 && parts > 1 && !ctx.store.inTransaction();
}

/**
 * An answer whose parts are read by jobs of their own, spread over the reader threads (one thread takes
 * a whole answer's series in turn; two share them), and put together here from their JSON bytes: only the
 * keys around the parts are written on the event loop. `skeleton` is the answer's shape with each part's
 * index in its place; the bytes are those JSON.stringify gives the whole answer. Only when `splits` says so.
 */
export async function offloadSplit<J extends JobName, T>(
  ctx: Pick<RequestContext, 'runtime'> & Pick<Caller, 'identity'>,
  job: J,
  parts: JobArgs<J>[],
  skeleton: Skeleton,
): Promise<JsonBytes<T>> {
  const pool = ctx.runtime.readers!;
  const pieces = await Promise.all(parts.map((args) => pool.runJson(job, args, ctx.identity?.user ?? '')));
  const out: Uint8Array[] = [];
  let text = '';
  const walk = (node: Skeleton) => {
    text += '{';
    Object.keys(node).forEach((key, k) => {
      text += `${k ? ',' : ''}${JSON.stringify(key)}:`;
      const v = node[key];
      if (typeof v !== 'number') return walk(v);
      out.push(Buffer.from(text), ...pieces[v].parts);
      text = '';
    });
    text += '}';
  };
  walk(skeleton);
  out.push(Buffer.from(text));
  return new JsonBytes<T>(out);
}
