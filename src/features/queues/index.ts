export { WorkersAndQueues } from './components/WorkersAndQueues';
export type { Nav as QueuesNav } from './components/TaskLink';
