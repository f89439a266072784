export { PipelineRuns } from './components/PipelineRuns';
export { PipelineRunView } from './components/PipelineRunView';
