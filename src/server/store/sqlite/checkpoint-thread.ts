import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { isBusy } from './busy';
import { nameThread } from '../../thread-name';

nameThread('checkpoint');

/** What the thread reports after a checkpoint that found frames in the WAL. */
export interface CheckpointReport {
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new Database(file, { fileMustExist: true });
// A checkpoint of this connection's own would never be wanted: it writes nothing.
db.pragma('wal_autocheckpoint = 0');

/**
 * PASSIVE copies what it can and waits for nobody: the writers go on appending meanwhile, and a reader's
 * snapshot only keeps the frames after it in the WAL until the next turn.
 */
function checkpoint() {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (row && row.log > 0) parentPort!.postMessage({ log: row.log, checkpointed: row.checkpointed } satisfies CheckpointReport);
  } catch (e) {
    // Another checkpoint holds the checkpointer's lock (a connection's backstop): this turn has nothing to do.
    // Anything else ends the thread, and its owner gives the checkpoints back to the server's connection.
    if (!isBusy(e)) throw e;
  }
}

const timer = setInterval(checkpoint, everyMs);
parentPort!.on('message', (m: 'close') => {
  if (m !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
