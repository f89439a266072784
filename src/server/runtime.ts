import { ByteGate } from './events/ingest-gate';
import { createInProcessPublisher, type Publisher } from './live/hub';
import type { ServerMetrics } from './observe/metrics';
import { QueueMetrics } from './queues/metrics';
import { WorkerRegistry } from './workers/registry';

/** Server state that lives in memory only (ClearML keeps it in Redis): workers and queue samples. */
export interface ServerRuntime {
  workers: WorkerRegistry;
  queueMetrics: QueueMetrics;
  /** Room for add_batch bodies in memory (backpressure). */
  ingestGate: ByteGate;
  /** Set by the running server; absent in code that runs the endpoints without one. */
  metrics?: ServerMetrics;
  /** Announces changes to open dashboards (server-sent events). */
  live: Publisher;
}

export function createRuntime(
  workerTimeoutSec: number,
  maxIngestPendingBytes = 64 * 1024 ** 2,
  ingestConcurrency = 2,
): ServerRuntime {
  return {
    workers: new WorkerRegistry(workerTimeoutSec),
    queueMetrics: new QueueMetrics(),
    ingestGate: new ByteGate(maxIngestPendingBytes, ingestConcurrency),
    live: createInProcessPublisher(),
  };
}
