export { COMPARE_TABS, CompareView, type CompareState, type CompareTab } from './components/CompareView';
