import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open';
import { failureOf } from '../thread-failure';
import { BatchWriter } from './batch-writer';
import type { CheckedBatch } from './checked-batch';
import { writeThrough } from './event-writer';
import type { BatchOrigin } from './store-batch';
import { nameThread } from '../thread-name';

nameThread('writer');

/** A batch to store, as the server sends it (the scalar columns transferred, the rest cloned). */
export interface WriteRequest {
  id: number;
  batch: CheckedBatch;
  origin: BatchOrigin;
}

/**
 * The event writer thread: its own connection to the server's SQLite file, and the same group commit and
 * batch writes the server would run on its event loop. Batches that arrive while a transaction runs are
 * committed together in the next one.
 */
const opening = openStore({ ...(workerData as { dataDir: string; writeTurns?: SharedArrayBuffer }), writer: true });
// A store that cannot open fails each batch with its reason (not the thread, which would be started again).
opening.catch(() => undefined);
let writer: BatchWriter | undefined;
let inbox: WriteRequest[] = [];

async function write(m: WriteRequest) {
  try {
    const store = await opening;
    writer ??= new BatchWriter(store);
    parentPort!.postMessage({ id: m.id, result: await writeThrough(writer, store, m.batch, m.origin) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: failureOf(e) });
  }
}

// The batches that arrived together are handed to the writer together (after this turn's messages), so
// that they can share a transaction.
function flush() {
  const arrived = inbox;
  inbox = [];
  for (const m of arrived) void write(m);
}

parentPort!.on('message', (m: WriteRequest | 'close') => {
  if (m !== 'close') {
    if (!inbox.length) setImmediate(flush);
    inbox.push(m);
    return;
  }
  // Closing: what arrived is written first, then the connection closes (the server closes its store after).
  flush();
  void (async () => {
    const store = await opening.catch(() => undefined);
    await writer?.idle();
    await store?.close();
    parentPort!.close();
  })();
});
