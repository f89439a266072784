/** The raw value an added column holds for a row: a hyper-parameter's text, a last metric's number. */
import type { TaskRow } from './api/queries';
import { createHash as md5 } from './md5';

export function extraValue(key: string, t: TaskRow): string | number | undefined {
  if (key.startsWith('hp:')) {
    const [section, ...rest] = key.slice(3).split('.');
    return t.hyperparams?.[section]?.[rest.join('.')]?.value;
  }
  if (key.startsWith('m:')) {
    const path = key.slice(2);
    const slash = path.lastIndexOf('/');
    return t.last_metrics?.[md5(path.slice(0, slash))]?.[md5(path.slice(slash + 1))]?.value;
  }
  return undefined;
}
