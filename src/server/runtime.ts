import { createInProcessPublisher, type Publisher } from './live/hub';
import { QueueMetrics } from './queues/metrics';
import { WorkerRegistry } from './workers/registry';

/** Server state that lives in memory only (ClearML keeps it in Redis): workers and queue samples. */
export interface ServerRuntime {
  workers: WorkerRegistry;
  queueMetrics: QueueMetrics;
  /** Announces changes to open dashboards (server-sent events). */
  live: Publisher;
}

export function createRuntime(workerTimeoutSec: number): ServerRuntime {
  return { workers: new WorkerRegistry(workerTimeoutSec), queueMetrics: new QueueMetrics(), live: createInProcessPublisher() };
}
