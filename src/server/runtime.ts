import { QueueMetrics } from './queues/metrics';
import type { Store } from './store/store';
import { WorkerRegistry } from './workers/registry';

/** Server state ClearML keeps in Redis: workers (in the store, shared by servers on one database) and queue samples (memory). */
export interface ServerRuntime {
  workers: WorkerRegistry;
  queueMetrics: QueueMetrics;
}

export function createRuntime(store: Store, workerTimeoutSec: number): ServerRuntime {
  return { workers: new WorkerRegistry(store, workerTimeoutSec), queueMetrics: new QueueMetrics() };
}
