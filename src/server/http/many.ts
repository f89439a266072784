import { ApiError } from './errors';

/** ClearML's batch answer (`*_many` endpoints): runs one action per id, reporting what succeeded and what was refused (and why). */
export async function many<T>(ids: string[], run: (id: string) => Promise<T>) {
  const succeeded: (T & { id: string })[] = [];
  const failed: { id: string; error: { codes: number[]; msg: string; data: Record<string, unknown> } }[] = [];
  for (const id of ids) {
    try {
      succeeded.push({ id, ...(await run(id)) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failed.push({ id, error: { codes: [e.code, e.subcode], msg: e.message, data: e.data } });
    }
  }
  return { succeeded, failed };
}
