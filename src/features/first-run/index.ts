export { FirstRun } from './components/FirstRun';
