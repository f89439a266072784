import { parentPort, workerData } from 'node:worker_threads';
import type { RequestLimits } from '../config';
import { ApiError } from '../http/errors';
import { checkBatchBody, transferables } from './checked-batch';

/** What the pool sends: an add_batch body's bytes (transferred) and how to read them. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
}

/** A refusal of the whole body, as the main thread rebuilds it (same code, subcode, message and data). */
export interface ParseRefusal {
  code: number;
  subcode: number;
  message: string;
  data: Record<string, unknown>;
}

const limits = (workerData as { limits: RequestLimits }).limits;

parentPort!.on('message', (m: ParseRequest) => {
  try {
    const batch = checkBatchBody(m.body, m.contentType, limits);
    parentPort!.postMessage({ id: m.id, batch }, transferables(batch));
  } catch (e) {
    const refusal: ParseRefusal =
      e instanceof ApiError
        ? { code: e.code, subcode: e.subcode, message: e.message, data: e.data }
        : { code: 500, subcode: 0, message: (e as Error).message, data: {} };
    parentPort!.postMessage({ id: m.id, refusal });
  }
});
