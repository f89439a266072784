export { useHasTasks, useProjectById, useProjects } from './api/queries';
export { ProjectCards } from './components/ProjectCards';
export { ProjectTree } from './components/ProjectTree';
