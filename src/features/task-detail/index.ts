export { DetailLinksProvider, type DetailLinks } from './components/links';
export { TaskDetail } from './components/TaskDetail';
export { DETAIL_TABS, isDetailTab, type DetailTab } from './tabs';
export { useTask } from './api/queries';
