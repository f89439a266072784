/** The Taskdeck SDK for Node scripts: `import { Task } from 'taskdeck/sdk'`. */
export { Task, TaskRecord, type InitOptions, type LookupQuery } from './task';
export { Logger, SINGLE_VALUE_ITER, type PlotlyFigure, type TableData } from './logger';
export { Artifact, type ArtifactInput } from './artifacts';
export type { Connection } from '../client/connection';
