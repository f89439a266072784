import type { Worker } from 'node:worker_threads';
import { startThread } from '../../threads';
import type { ReadRequest } from './reader-thread';

/**
 * Runs long read-only queries (name patterns over every row) on a worker thread with its own
 * connection, so that the event loop keeps answering other requests meanwhile. The database is
 * in WAL mode: the reader sees every committed write and never blocks the writer.
 */
export class OffThreadReader {
  private worker?: Worker;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly file: string) {}

  private start(): Worker {
    const w = startThread('store/sqlite/reader-thread', { workerData: { file: this.file } });
    w.unref();
    w.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
      const job = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error !== undefined) job?.reject(new Error(m.error));
      else job?.resolve(m.rows!);
    });
    const failAll = (e: Error) => {
      for (const job of this.waiting.values()) job.reject(e);
      this.waiting.clear();
      if (this.worker === w) this.worker = undefined;
    };
    w.on('error', failAll);
    w.on('exit', () => failAll(new Error('The query thread stopped')));
    return w;
  }

  all(sql: string, params: unknown[]): Promise<unknown[]> {
    this.worker ??= this.start();
    const req: ReadRequest = { id: this.next++, sql, params };
    return new Promise((resolve, reject) => {
      this.waiting.set(req.id, { resolve, reject });
      this.worker!.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/**
 * Rows of a query: off the event loop when it filters by a name pattern (it tests every row),
 * inline otherwise or inside a transaction (whose uncommitted writes only this connection sees).
 */
export function readRows(
  db: { inTransaction: boolean },
  st: { get(sql: string): { all(...params: unknown[]): unknown[] } },
  reader: OffThreadReader,
  sql: string,
  params: unknown[],
  scansNames: boolean,
): Promise<unknown[]> {
  if (scansNames && !db.inTransaction) return reader.all(sql, params);
  return Promise.resolve(st.get(sql).all(...params));
}
