import type { ManyResult } from '../../shared/api/results';
import { ApiError } from './errors';

/** A refused id as a `*_many` answer lists it. */
export function refusal(id: string, e: ApiError): ManyResult['failed'][number] {
  return { id, error: { codes: [e.code, e.subcode], msg: e.message, data: e.data } };
}

/** ClearML's batch answer (`*_many` endpoints): runs one action per id, reporting what succeeded and what was refused (and why). */
export async function many<T>(ids: string[], run: (id: string) => Promise<T>) {
  const succeeded: (T & { id: string })[] = [];
  const failed: ManyResult['failed'] = [];
  for (const id of ids) {
    try {
      succeeded.push({ id, ...(await run(id)) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failed.push(refusal(id, e));
    }
  }
  return { succeeded, failed };
}
