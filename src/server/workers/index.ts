import type { Task } from '../../shared/api/records';
import { endpoint } from '../http/endpoint';
import { assertPattern } from '../name-pattern';
import { isoNow } from '../ids';
import { getTaskOr400 } from '../tasks/common';
import type { WorkerEntry } from './registry';
import { recordStats } from './stats-endpoints';

const iso = (ms: number) => new Date(ms).toISOString();

/** A worker's key, as ClearML names its Redis entry. */
export const workerKey = (w: WorkerEntry) => `worker_${w.company}_${w.user}_${w.id}`;

/** The task a worker runs, as workers and queues lists show it. */
export function runningTask(t: Task) {
  return {
    id: t.id,
    name: t.name,
    project: t.project,
    running_time: t.started ? Date.now() - Date.parse(t.started) : 0,
    last_iteration: t.last_iteration,
  };
}

/** The worker as workers.get_all returns it, with its task and queues resolved. */
function describeWorker(
  w: WorkerEntry,
  tasks: Map<string, Task>,
  queueNames: Map<string, { name: string; entries: { task: string }[] }>,
) {
  const t = w.task ? tasks.get(w.task) : undefined;
  return {
    id: w.id,
    key: workerKey(w),
    user: { id: w.user },
    company: { id: w.company },
    ip: w.ip,
    register_time: iso(w.registerTime),
    last_activity_time: iso(w.lastActivity),
    last_report_time: iso(w.lastActivity),
    register_timeout: w.timeoutSec,
    task: t ? runningTask(t) : null,
    queue: w.queue ? { id: w.queue, name: queueNames.get(w.queue)?.name ?? w.queue } : null,
    queues: w.queues.map((id) => {
      const q = queueNames.get(id);
      return {
        id,
        name: q?.name ?? id,
        num_tasks: q?.entries.length ?? 0,
        next_task: q?.entries[0] ? { id: q.entries[0].task } : null,
      };
    }),
    tags: w.tags,
    machine_stats: w.machineStats ?? {},
  };
}

export const workerEndpoints = [
  endpoint('workers.register', async (req, ctx) => {
    await ctx.runtime.workers.register({
      id: req.worker,
      user: ctx.identity.user,
      company: ctx.identity.company,
      ip: ctx.ip,
      queues: req.queues ?? [],
      tags: req.tags ?? [],
      timeoutSec: req.timeout,
    });
    return {};
  }),
  endpoint('workers.unregister', async (req, ctx) => {
    await ctx.runtime.workers.unregister(req.worker);
    return {};
  }),
  endpoint('workers.status_report', async (req, ctx) => {
    const prev = await ctx.runtime.workers.get(req.worker);
    // A report from an unknown worker registers it (ClearML's auto_register).
    await ctx.runtime.workers.register({
      id: req.worker,
      user: ctx.identity.user,
      company: ctx.identity.company,
      ip: prev?.ip ?? ctx.ip,
      queues: req.queues ?? prev?.queues ?? [],
      tags: req.tags ?? prev?.tags ?? [],
      // A report without statistics (clearml-agent sends null right after a state change) keeps the last ones.
      machineStats: req.machine_stats && Object.keys(req.machine_stats).length ? req.machine_stats : prev?.machineStats,
      task: req.task ?? null,
      queue: req.queue ?? null,
    });
    await recordStats(ctx, req);
    if (req.task) {
      await ctx.store.transaction(async () => {
        const t = await getTaskOr400(ctx.store, req.task!);
        const now = isoNow();
        await ctx.store.tasks.update({ ...t, last_worker: req.worker, last_update: now });
      });
    }
    return {};
  }),
  endpoint(
    'workers.get_all',
    async (req, ctx) => {
      const cutoff = req.last_seen ? Date.now() - req.last_seen * 1000 : 0;
      assertPattern(ctx.store, 'worker_pattern', req.worker_pattern);
      const matches = req.worker_pattern ? ctx.store.patternTest(req.worker_pattern) : null;
      const workers = (await ctx.runtime.workers.list()).filter((w) => w.lastActivity >= cutoff && (!matches || matches(w.id)));
      const tasks = new Map(
        (await ctx.store.tasks.getMany(workers.flatMap((w) => (w.task ? [w.task] : [])))).map((t) => [t.id, t]),
      );
      const queues = new Map((await ctx.store.queues.list()).map((q) => [q.id, q]));
      return { workers: workers.map((w) => describeWorker(w, tasks, queues)) };
    },
    { access: 'read' },
  ),
];
