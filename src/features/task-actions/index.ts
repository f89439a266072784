export { TaskActions, type ActionTask, type TaskActionsProps } from './components/TaskActions';
