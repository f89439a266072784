export { TaskActions, type ActionTask, type TaskActionsProps } from './components/TaskActions';
export { NewTaskDialog } from './components/NewTaskDialog';
