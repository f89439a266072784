/** The Taskdeck SDK for Node scripts: `import { Task } from 'taskdeck/sdk'`. */
export { Task, type InitOptions, type LookupQuery } from './task';
export { TaskRecord } from './record';
export { Logger, type PlotlyFigure, type TableData } from './logger';
export { SINGLE_VALUE_ITERATION as SINGLE_VALUE_ITER } from '../shared/single-values';
export { Artifact, type ArtifactInput } from './artifacts';
export type { Connection } from '../client/connection';
