import { parentPort, workerData } from 'node:worker_threads';
import { contract, type EndpointName } from '../../shared/api/contract';
import type { RequestLimits } from '../config';
import { failureOf } from '../thread-failure';
import { prepareBody } from './prepared-body';
import { nameThread } from '../thread-name';

nameThread('body');

/** What the pool sends: a request body's bytes (transferred), how to read them, and the query's arguments. */
export interface BodyRequest {
  id: number;
  endpoint: EndpointName;
  body: Uint8Array;
  contentType: string | undefined;
  query: Record<string, unknown>;
}

const limits = (workerData as { limits: RequestLimits }).limits;

parentPort!.on('message', (m: BodyRequest) => {
  try {
    const prepared = prepareBody(m.endpoint, contract[m.endpoint].request, m.body, m.contentType, m.query, limits);
    parentPort!.postMessage({ id: m.id, prepared });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, refusal: failureOf(e) });
  }
});
