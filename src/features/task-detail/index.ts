export { DetailLinksProvider, type DetailLinks } from './components/links';
export { DETAIL_TABS, isDetailTab, TaskDetail, type DetailTab } from './components/TaskDetail';
export { useTask } from './api/queries';
export { imageSource, type ImageSource } from './lib/files';
