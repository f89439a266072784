import fs from 'node:fs';
import path from 'node:path';
import client from 'prom-client';
import type { InFlightRequests } from './in-flight';
import type { StallMonitor } from './stall-monitor';
import { ThreadCpu } from './thread-cpu';

/** The stages an event batch goes through (`taskdeck_ingest_stage_seconds`). */
export type IngestStage = 'gate' | 'body' | 'parse' | 'write';

/** The server's own Prometheus metrics, in a registry of its own (tests run several servers in one process). */
export class ServerMetrics {
  readonly registry = new client.Registry();
  private readonly requests = new client.Counter({
    name: 'taskdeck_requests_total',
    help: 'Requests answered, by endpoint and HTTP status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new client.Histogram({
    name: 'taskdeck_request_duration_seconds',
    help: 'Time from a request arriving to its answer ending, by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly ingestedEvents = new client.Counter({
    name: 'taskdeck_ingest_events_total',
    help: 'Events stored by events.add_batch and events.add',
    registers: [this.registry],
  });
  readonly ingestLostEvents = new client.Counter({
    name: 'taskdeck_ingest_lost_events_total',
    help: 'Events answered as added (add_batch answers once a batch is queued) that the writer then failed to store',
    registers: [this.registry],
  });
  readonly ingestBytes = new client.Counter({
    name: 'taskdeck_ingest_bytes_total',
    help: 'Bytes of events.add_batch bodies read',
    registers: [this.registry],
  });
  private readonly ingestStages = new client.Histogram({
    name: 'taskdeck_ingest_stage_seconds',
    help:
      'Time an event batch spends in each stage, as its request waits for it: gate (room in the ingest gate), ' +
      'body (reading the body), parse (parsing and checking an add_batch body; events.add is checked with the ' +
      'other calls and has no parse time), write (from the hand-over to the writer until stored)',
    labelNames: ['stage'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    dataDir: string,
    requests: InFlightRequests,
    stalls: StallMonitor,
    ingest: { pendingBytes: number; peakBytes: number },
  ) {
    const registers = [this.registry];
    const ms = 1e-9;
    new client.Gauge({
      name: 'taskdeck_event_loop_delay_seconds',
      help: 'Event-loop delay since start, by quantile',
      labelNames: ['quantile'] as const,
      registers,
      collect() {
        for (const q of [0.5, 0.9, 0.99]) this.set({ quantile: String(q) }, stalls.delay.percentile(q * 100) * ms);
        this.set({ quantile: '1' }, stalls.delay.max * ms);
      },
    });
    new client.Gauge({
      name: 'taskdeck_event_loop_stalls_total',
      help: 'Times the event loop was held longer than the stall threshold',
      registers,
      collect() {
        this.set(stalls.stalls);
      },
    });
    new client.Gauge({
      name: 'taskdeck_requests_in_flight',
      help: 'Requests being answered now',
      registers,
      collect() {
        this.set(requests.size);
      },
    });
    new client.Gauge({
      name: 'taskdeck_ingest_pending_bytes',
      help: 'Bytes of add_batch bodies read but not yet stored (backpressure holds this under its cap)',
      registers,
      collect() {
        this.set(ingest.pendingBytes);
      },
    });
    new client.Gauge({
      name: 'taskdeck_ingest_pending_bytes_peak',
      help: 'The most bytes of add_batch bodies held at once since start',
      registers,
      collect() {
        this.set(ingest.peakBytes);
      },
    });
    new client.Gauge({
      name: 'taskdeck_store_bytes',
      help: 'Size of the database files on disk',
      registers,
      collect() {
        let total = 0;
        for (const f of ['taskdeck.sqlite', 'taskdeck.sqlite-wal']) {
          try {
            total += fs.statSync(path.join(dataDir, f)).size;
          } catch {
            /* not there (another store backend, or no WAL yet) */
          }
        }
        this.set(total);
      },
    });
    const threads = new ThreadCpu();
    new client.Counter({
      name: 'taskdeck_thread_cpu_seconds_total',
      help:
        "CPU time the server process's threads used, by role (Linux): main (the event loop), the server's worker " +
        'threads (parse, writer, reader, sql-reader, checkpoint, body), other (V8 garbage collection and compiler, libuv)',
      labelNames: ['thread'] as const,
      registers,
      async collect() {
        const totals = await threads.read();
        this.reset();
        for (const [thread, seconds] of totals) this.inc({ thread }, seconds);
      },
    });
    client.collectDefaultMetrics({ register: this.registry, prefix: 'taskdeck_process_' });
  }

  /** The reader threads' jobs: those a thread holds and those waiting for one (taken in turn by user). */
  watchReaders(readers: { load(): number[]; readonly queued: number }): void {
    const registers = [this.registry];
    new client.Gauge({
      name: 'taskdeck_reader_jobs_running',
      help: 'Long reads (charts, console search, big lists) handed to the reader threads and not answered yet',
      registers,
      collect() {
        this.set(readers.load().reduce((a, b) => a + b, 0));
      },
    });
    new client.Gauge({
      name: 'taskdeck_reader_jobs_waiting',
      help: 'Long reads waiting for a reader thread',
      registers,
      collect() {
        this.set(readers.queued);
      },
    });
  }

  /** Counts the time since `since` (a `performance.now()`) as one batch's time in an ingest stage. */
  ingestStage(stage: IngestStage, since: number): void {
    this.ingestStages.observe({ stage }, (performance.now() - since) / 1000);
  }

  /** Counts one answered request; `endpoint` must come from a fixed set (the known endpoints) to bound the labels. */
  observe(endpoint: string, status: number | string, ms: number): void {
    this.requests.inc({ endpoint, status: String(status) });
    this.latency.observe({ endpoint }, ms / 1000);
  }
}
