export { CompareView, type CompareState } from './components/CompareView';
export { COMPARE_TABS, type CompareTab } from './tabs';
