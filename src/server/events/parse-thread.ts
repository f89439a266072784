import { parentPort, workerData } from 'node:worker_threads';
import type { RequestLimits } from '../config';
import { failureOf } from '../thread-failure';
import { checkBatchBody, transferables } from './checked-batch';
import { nameThread } from '../thread-name';

nameThread('parse');

/** What the pool sends: an add_batch body's bytes (transferred) and how to read them. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
}

const limits = (workerData as { limits: RequestLimits }).limits;

parentPort!.on('message', (m: ParseRequest) => {
  try {
    const batch = checkBatchBody(m.body, m.contentType, limits);
    parentPort!.postMessage({ id: m.id, batch }, transferables(batch));
  } catch (e) {
    // A refusal of the whole body, as the main thread rebuilds it (same code, subcode, message and data).
    parentPort!.postMessage({ id: m.id, refusal: failureOf(e) });
  }
});
