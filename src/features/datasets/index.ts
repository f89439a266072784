export { useDatasets } from './api/queries';
export { DatasetList } from './components/DatasetList';
export { DatasetView } from './components/DatasetView';
