import { parentPort, workerData } from 'node:worker_threads';
import { contract, type EndpointName } from '../../shared/api/contract';
import type { RequestLimits } from '../config';
import { ApiError } from './errors';
import { prepareBody } from './prepared-body';

/** What the pool sends: a request body's bytes (transferred), how to read them, and the query's arguments. */
export interface BodyRequest {
  id: number;
  endpoint: EndpointName;
  body: Uint8Array;
  contentType: string | undefined;
  query: Record<string, unknown>;
}

/** A refusal of the body, as the main thread rebuilds it: an ApiError's code, subcode, message and data; code 500 for anything else. */
export interface BodyRefusal {
  code: number;
  subcode: number;
  message: string;
  data: Record<string, unknown>;
}

const limits = (workerData as { limits: RequestLimits }).limits;

parentPort!.on('message', (m: BodyRequest) => {
  try {
    const prepared = prepareBody(m.endpoint, contract[m.endpoint].request, m.body, m.contentType, m.query, limits);
    parentPort!.postMessage({ id: m.id, prepared });
  } catch (e) {
    const refusal: BodyRefusal =
      e instanceof ApiError
        ? { code: e.code, subcode: e.subcode, message: e.message, data: e.data }
        : { code: 500, subcode: 0, message: e instanceof Error ? e.message : String(e), data: {} };
    parentPort!.postMessage({ id: m.id, refusal });
  }
});
