import type { ServerConfig } from '../config';
import { errors } from './errors';

/**
 * Refuses a call that would leave a record (a task, model or queue) over `--max-record-bytes`, before it is stored.
 * Each field has its cap, but calls one after another (artifacts, models, parameters, metadata) add up without end,
 * and every read of the record parses it whole. Only calls that add to a record are checked: a status change of a
 * record stored before the cap still goes through.
 */
export function assertRecordBytes(endpoint: string, record: object, config: Pick<ServerConfig, 'maxRecordBytes'>): void {
  // last_metrics is kept in rows of its own (task_metrics, model_metrics), not in the record.
  const text = JSON.stringify({ ...record, last_metrics: undefined });
  // UTF-8 takes at most 3 bytes a UTF-16 unit: counted exactly only when it could be over.
  if (text.length * 3 <= config.maxRecordBytes) return;
  const bytes = Buffer.byteLength(text);
  if (bytes > config.maxRecordBytes)
    throw errors.validation(
      `Limit exceeded in ${endpoint}: the record would be ${bytes} bytes, over the limit of ${config.maxRecordBytes} bytes (server option --max-record-bytes)`,
      { field: 'the request body', flag: 'max-record-bytes' },
    );
}
