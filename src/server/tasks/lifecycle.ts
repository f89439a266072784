/** Every endpoint that moves a task through its life, by concern. */
import { archivingEndpoints } from './archiving';
import { cloneEndpoints } from './clone';
import { deletionEndpoints } from './deletion';
import { moveEndpoints } from './move';
import { queueingEndpoints } from './queueing';
import { resetEndpoints } from './reset';
import { statusEndpoints } from './status';

export const lifecycleEndpoints = [
  ...statusEndpoints,
  ...resetEndpoints,
  ...cloneEndpoints,
  ...queueingEndpoints,
  ...archivingEndpoints,
  ...deletionEndpoints,
  ...moveEndpoints,
];
