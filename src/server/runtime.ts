import { InProcessWriter, type EventWriter } from './events/event-writer';
import type { IngestBacklog } from './events/ingest-backlog';
import { ByteGate } from './events/ingest-gate';
import type { ParsePool } from './events/parse-pool';
import type { BodyPool } from './http/body-pool';
import { createInProcessPublisher, type Publisher } from './live/hub';
import type { ServerMetrics } from './observe/metrics';
import type { ReaderPool } from './readers/pool';
import { QueueMetrics } from './queues/metrics';
import type { ServerConfig } from './config';
import type { Store } from './store/store';
import { WorkerRegistry } from './workers/registry';
import { StatsThrottle } from './workers/stats';

/** Server state ClearML keeps in Redis: workers and queue samples (both in the store, shared by servers on one database). */
export interface ServerRuntime {
  workers: WorkerRegistry;
  queueMetrics: QueueMetrics;
  /** Which workers' statistics this server stores now (at most one report a worker every 10 s). */
  statsThrottle: StatsThrottle;
  /** Room for add_batch bodies in memory (backpressure). */
  ingestGate: ByteGate;
  /**
   * Commits event batches, several requests' batches in one transaction when they come together: on the
   * event loop until the running server replaces it by SQLite's writer thread.
   */
  ingestWriter: EventWriter;
  /**
   * Set when add_batch answers once a batch is queued (SQLite's writer thread, ingestAck `queued`): the
   * batches answered and not yet committed, which requests naming their owners wait for.
   */
  ingestBacklog?: IngestBacklog;
  /** Parses add_batch bodies off the event loop; absent, they are parsed inline. Set by the running server. */
  parsePool?: ParsePool;
  /** Parses, checks and validates big JSON bodies of any endpoint off the event loop; absent, on it. Set by the running server. */
  bodyPool?: BodyPool;
  /** Set by the running server; absent in code that runs the endpoints without one. */
  metrics?: ServerMetrics;
  /** Announces changes to open dashboards (server-sent events). */
  live: Publisher;
  /** Threads for long reads; absent (they run inline) in code that runs the endpoints without a server. */
  readers?: ReaderPool;
}

export function createRuntime(
  store: Store,
  config: Pick<ServerConfig, 'workerTimeoutSec' | 'maxIngestPendingBytes' | 'ingestConcurrency'>,
): ServerRuntime {
  return {
    workers: new WorkerRegistry(store, config.workerTimeoutSec),
    queueMetrics: new QueueMetrics(store),
    statsThrottle: new StatsThrottle(),
    ingestGate: new ByteGate(config.maxIngestPendingBytes, config.ingestConcurrency),
    ingestWriter: new InProcessWriter(store),
    live: createInProcessPublisher(),
  };
}
