export { useModel, type ModelFilters } from './api/queries';
export { isModelTab, MODEL_TABS, ModelDetail, type ModelTab } from './components/ModelDetail';
export { ModelTable } from './components/ModelTable';
