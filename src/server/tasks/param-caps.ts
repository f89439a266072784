import type { Task } from '../../shared/api/records';
import type { ServerConfig } from '../config';
import { errors } from '../http/errors';

/**
 * Refuses a task that would hold more hyperparameters or configuration items than the server allows, before anything is
 * stored. ClearML has no cap; here one task's parameters are rewritten, listed and compared as a whole, so 50,000 of
 * them cost seconds of the server's time on every write.
 */
export function assertParamCaps(
  endpoint: string,
  task: Pick<Task, 'hyperparams' | 'configuration'>,
  config: Pick<ServerConfig, 'maxHyperparams' | 'maxConfigItems'>,
): void {
  let params = 0;
  for (const section of Object.values(task.hyperparams ?? {})) params += Object.keys(section ?? {}).length;
  if (params > config.maxHyperparams) {
    throw errors.validation(
      `Limit exceeded in ${endpoint}: the task would hold ${params} hyperparameters, over the limit of ${config.maxHyperparams} (server option --max-hyperparams)`,
      { field: '"hyperparams"', flag: 'max-hyperparams' },
    );
  }
  const items = Object.keys(task.configuration ?? {}).length;
  if (items > config.maxConfigItems) {
    throw errors.validation(
      `Limit exceeded in ${endpoint}: the task would hold ${items} configuration items, over the limit of ${config.maxConfigItems} (server option --max-config-items)`,
      { field: '"configuration"', flag: 'max-config-items' },
    );
  }
}
