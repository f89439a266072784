export { useModel, type ModelFilters } from './api/queries';
export { ModelDetail } from './components/ModelDetail';
export { isModelTab, MODEL_TABS, type ModelTab } from './tabs';
export { ModelTable } from './components/ModelTable';
