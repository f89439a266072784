export { useHasTasks, useProjectById, useProjects } from './api/queries';
export { ProjectCards, type ProjectView } from './components/ProjectCards';
export { ProjectTree } from './components/ProjectTree';
export { isProjectSort } from './project-list';
export { ProjectOverview } from './components/ProjectOverview';
export { MetricSnapshot } from './components/MetricSnapshot';
export { OutputDestination } from './components/OutputDestination';
