export type { TaskRow } from './api/queries';
export { TaskTable } from './components/TaskTable';
export { parseTableState, type TableState } from './table-state';
