import { searchConsole } from '../events/console-search';
import { vectorHistogram } from '../events/add-vectors-plots';
import { eventsByIteration } from '../events/by-iteration';
import { multiTaskHistogram, namedSeries, taskHistogram } from '../events/histograms';
import { singleValueMetrics, taskPlots } from '../events/index';
import { multiTaskPlots } from '../events/multi-task';
import { getSample, nextSample } from '../events/samples';
import { readSeries } from '../events/series';
import { latestScalarValues, scalarMetricData, scalarMetricsRaw, taskEvents } from '../events/task-events';
import type { Store } from '../store/store';
import { readTaskPage, taskList } from '../tasks/page';
import { logTextChunk } from '../events/console';
import { tagsInUse } from '../projects/tags';
import { taskParents } from '../projects/parents';
import { projectList } from '../projects/list';
import { valuesInUse } from '../projects/in-use';
import { hyperparamValues } from '../projects/param-values';
import { projectContents } from '../projects/validate-delete';
import { modelFacet } from '../models/facets';
import { workerActivity, workerMetricKeys, workerStats } from '../workers/stats-read';

/**
 * The long reads a reader thread runs, by name. Each is the same function the main thread runs inline
 * (inside a transaction, or without a pool); its arguments cross threads by structured clone, its result
 * too, or as JSON bytes when it is an endpoint's whole answer (`runJson`).
 */
export const JOBS = {
  scalarSeries: readSeries,
  consoleSearch: searchConsole,
  taskPage: readTaskPage,
  // Whole answers of endpoints (sent as JSON bytes from a thread: see offloadAnswer).
  taskHistogram,
  multiTaskHistogram,
  namedSeries,
  taskEvents,
  scalarMetricData,
  scalarMetricsRaw,
  latestScalarValues,
  taskPlots,
  singleValueMetrics,
  vectorHistogram,
  eventsByIteration,
  multiTaskPlots,
  getSample,
  nextSample,
  taskList,
  logTextChunk,
  tagsInUse,
  taskParents,
  projectList,
  valuesInUse,
  hyperparamValues,
  projectContents,
  modelFacet,
  workerStats,
  workerActivity,
  workerMetricKeys,
} satisfies Record<string, (store: Store, args: never) => Promise<unknown>>;

export type JobName = keyof typeof JOBS;
export type JobArgs<J extends JobName> = Parameters<(typeof JOBS)[J]>[1];
export type JobResult<J extends JobName> = Awaited<ReturnType<(typeof JOBS)[J]>>;
