export type { TaskRow } from './api/queries';
export { TaskTable } from './components/TaskTable';
export { useSelection, type Selection } from './components/table/useSelection';
export { parseTableState, type TableState } from './table-state';
