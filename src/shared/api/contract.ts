/**
 * The API contract: every endpoint's name, request schema and response type, in one place.
 * The server's `endpoint()` takes its schema from here and is type-checked against the response;
 * `ApiClient.call` takes its body and answer types from here, so no call site restates them.
 */
import type { z } from 'zod';
import type { ConfigurationItem, ParamsItem } from './records';
import type { ConsoleLine } from './events';
import type { CurrentUser, NewCredential, OwnCredential, PublicUser } from './accounts';
import type { QueueEx } from './queues';
import type { ActivitySeries, WorkerInfo, WorkerMetricStats } from './workers';
import type {
  EventDoc,
  LogEventDoc,
  Histogram,
  ImageEvent,
  ManyResult,
  MetricList,
  Model,
  MultiHistogram,
  PlotEvent,
  Project,
  ProjectWithStats,
  Queue,
  QueueSeries,
  SingleValue,
  Task,
  Updated,
} from './results';
import * as accounts from './accounts';
import * as events from './events';
import * as models from './models';
import * as projects from './projects';
import * as pipelines from './pipelines';
import * as queues from './queues';
import * as tasks from './tasks';
import * as workers from './workers';

declare const responseType: unique symbol;
/** A type carried by the contract for the compiler only; it has no value at run time. */
export interface Returns<R> {
  readonly [responseType]?: R;
}
/** Marks an endpoint that answers with a file, not the JSON envelope. */
export interface RawBody {
  readonly raw: true;
}

function ep<S extends z.ZodType>(request: S) {
  return { returns: <R>() => ({ request, response: {} as Returns<R> }) };
}

type Obj = Record<string, unknown>;
type Tasks = { tasks: Task[]; total?: number; scroll_id?: string };
type Events<T = EventDoc> = { events: T[]; returned: number; total?: number; scroll_id?: string };
/** A debug-image sample answers one `event`, a plot sample all the plots of its iteration as `events`. */
type Sample = {
  scroll_id: string;
  min_iteration?: number;
  max_iteration?: number;
  event?: ImageEvent | null;
  events?: PlotEvent[];
};
/** The tags in use, sorted; `system_tags` only when asked for (`include_system`). */
type TagsInUse = { tags: string[]; system_tags?: string[] };
/** What deleting a project would delete, sub-projects included (projects.validate_delete). */
type ProjectContents = {
  tasks: number;
  non_archived_tasks: number;
  models: number;
  non_archived_models: number;
  reports: number;
  non_archived_reports: number;
  pipelines: number;
  datasets: number;
};
type Moved = { updated?: number; position?: number } & Obj;
type Status = Updated & { fields?: Obj };

export const contract = {
  'auth.login': ep(accounts.authLogin).returns<{ token: string }>(),
  'auth.sign_in': ep(accounts.signIn).returns<{ user: PublicUser }>(),
  'auth.sign_out': ep(accounts.noBody).returns<Obj>(),
  'auth.change_password': ep(accounts.changePassword).returns<Obj>(),
  'auth.create_credentials': ep(accounts.createCredentials).returns<{ credentials: NewCredential }>(),
  'auth.get_credentials': ep(accounts.noBody).returns<{ credentials: OwnCredential[] }>(),
  'auth.revoke_credentials': ep(accounts.revokeCredentials).returns<Obj>(),
  'auth.edit_credentials': ep(accounts.editCredentials).returns<Obj>(),
  'auth.edit_user': ep(accounts.authEditUser).returns<{ updated: 0 | 1; fields: Obj }>(),
  'users.get_current_user': ep(accounts.noBody).returns<{ user: CurrentUser & Partial<PublicUser> } & Obj>(),
  'users.get_all': ep(accounts.usersGetAll).returns<{ users: PublicUser[] }>(),
  'users.create': ep(accounts.usersCreate).returns<{ id: string; user: PublicUser; password?: string }>(),
  'users.update': ep(accounts.usersUpdate).returns<{ updated: number; user: PublicUser }>(),
  'users.reset_password': ep(accounts.userId).returns<{ user: PublicUser; password: string }>(),
  'users.get_credentials': ep(accounts.userId).returns<{ credentials: OwnCredential[] }>(),
  'users.revoke_credentials': ep(accounts.usersRevokeCredentials).returns<{ revoked: number }>(),
  'users.get_preferences': ep(accounts.noBody).returns<{ preferences: Obj }>(),
  'users.set_preferences': ep(accounts.usersSetPreferences).returns<{ updated: 0 | 1; fields: Obj }>(),
  'server.info': ep(accounts.noBody).returns<{
    server_version: string;
    build: string;
    commit: string;
    api_version: string;
    uid: string;
  }>(),

  'projects.create': ep(projects.projectsCreate).returns<{ id: string }>(),
  'projects.get_by_id': ep(projects.projectId).returns<{ project: Project }>(),
  'projects.get_all': ep(projects.projectsGetAll).returns<{ projects: ProjectWithStats[] }>(),
  'projects.get_all_ex': ep(projects.projectsGetAll).returns<{ projects: ProjectWithStats[] }>(),
  'projects.update': ep(projects.projectsUpdate).returns<Status>(),
  'projects.delete': ep(projects.projectsDelete).returns<{ deleted: number } & Obj>(),
  'projects.get_hyper_parameters': ep(projects.projectColumns).returns<{
    parameters: { section: string; name: string }[];
    remaining: number;
    total: number;
  }>(),
  'projects.get_unique_metric_variants': ep(projects.projectColumns).returns<{
    metrics: { metric: string; metric_hash: string; variant: string; variant_hash: string }[];
  }>(),
  'projects.move': ep(projects.projectsMove).returns<{ moved: number }>(),
  'projects.merge': ep(projects.projectsMerge).returns<{ moved_entities: number; moved_projects: number }>(),
  'projects.validate_delete': ep(projects.projectsValidateDelete).returns<ProjectContents>(),
  'projects.get_user_names': ep(projects.projectUserNames).returns<{ users: { id: string; name: string }[] }>(),
  'projects.get_project_tags': ep(projects.projectTags).returns<TagsInUse>(),
  'projects.get_hyperparam_values': ep(projects.projectHyperparamValues).returns<{ total: number; values: string[] }>(),
  'tasks.get_types': ep(projects.taskTypesInUse).returns<{ types: string[] }>(),
  'projects.get_task_tags': ep(projects.projectTags).returns<TagsInUse>(),
  'projects.get_model_tags': ep(projects.projectTags).returns<TagsInUse>(),
  'organization.get_tags': ep(projects.organizationTags).returns<TagsInUse>(),
  'projects.get_task_parents': ep(projects.projectTaskParents).returns<{
    parents: { id: string; name: string; project: { id: string; name: string } | null }[];
  }>(),
  'projects.get_model_metadata_keys': ep(models.projectMetadataKeys).returns<{ keys: string[] } & Obj>(),
  'projects.get_model_metadata_values': ep(models.projectMetadataValues).returns<{ values: string[] } & Obj>(),

  'tasks.create': ep(tasks.tasksCreate).returns<{ id: string }>(),
  'tasks.validate': ep(tasks.tasksCreate).returns<Obj>(),
  'tasks.get_by_id': ep(tasks.taskId).returns<{ task: Task }>(),
  'tasks.get_all': ep(tasks.tasksGetAll).returns<Tasks>(),
  'tasks.get_all_ex': ep(tasks.tasksGetAll).returns<Tasks>(),
  'tasks.archive': ep(tasks.tasksArchive).returns<{ archived: number }>(),
  'tasks.unarchive': ep(tasks.tasksArchive).returns<{ unarchived: number }>(),
  'tasks.archive_many': ep(tasks.tasksManyWithSteps).returns<ManyResult<{ archived: boolean }>>(),
  'tasks.unarchive_many': ep(tasks.tasksManyWithSteps).returns<ManyResult<{ unarchived: boolean }>>(),
  'tasks.delete': ep(tasks.tasksDelete).returns<{ deleted: boolean } & Obj>(),
  'tasks.delete_many': ep(tasks.tasksDeleteMany).returns<ManyResult>(),
  'tasks.started': ep(tasks.tasksStatusChange).returns<Status & { started?: number }>(),
  'tasks.stop': ep(tasks.tasksStop).returns<Status>(),
  'tasks.stopped': ep(tasks.tasksStatusChange).returns<Status>(),
  'tasks.completed': ep(tasks.tasksCompleted).returns<Status>(),
  'tasks.failed': ep(tasks.tasksStatusChange).returns<Status>(),
  'tasks.close': ep(tasks.tasksStatusChange).returns<Status>(),
  'tasks.publish': ep(tasks.tasksPublish).returns<Status>(),
  'tasks.stop_many': ep(tasks.tasksManyWithSteps).returns<ManyResult>(),
  'tasks.publish_many': ep(tasks.tasksMany).returns<ManyResult>(),
  'tasks.reset': ep(tasks.tasksReset).returns<Status & Obj>(),
  'tasks.reset_many': ep(tasks.tasksResetMany).returns<ManyResult>(),
  'tasks.edit': ep(tasks.tasksEdit).returns<Status>(),
  'tasks.update': ep(tasks.tasksUpdate).returns<Status>(),
  'tasks.update_batch': ep(tasks.tasksUpdateBatch).returns<{ updated: number }>(),
  'tasks.update_tags': ep(tasks.tasksUpdateTags).returns<{ updated: number }>(),
  'tasks.ping': ep(tasks.taskId).returns<Obj>(),
  'tasks.set_requirements': ep(tasks.tasksSetRequirements).returns<Status>(),
  'tasks.edit_hyper_params': ep(tasks.tasksEditHyperParams).returns<Status>(),
  'tasks.get_hyper_params': ep(tasks.tasksGetHyperParams).returns<{
    params: { task: string; hyperparams: ParamsItem[] }[];
  }>(),
  'tasks.delete_hyper_params': ep(tasks.tasksDeleteHyperParams).returns<{ deleted: number }>(),
  'tasks.edit_configuration': ep(tasks.tasksEditConfiguration).returns<Status>(),
  'tasks.delete_configuration': ep(tasks.tasksDeleteConfiguration).returns<{ deleted: number }>(),
  'tasks.get_configurations': ep(tasks.tasksGetConfigurations).returns<{
    configurations: { task: string; configuration: ConfigurationItem[] }[];
  }>(),
  'tasks.get_configuration_names': ep(tasks.tasksGetConfigurationNames).returns<{
    configurations: { task: string; names: string[] }[];
  }>(),
  'tasks.add_or_update_artifacts': ep(tasks.tasksAddOrUpdateArtifacts).returns<{ updated: number } & Obj>(),
  'tasks.delete_artifacts': ep(tasks.tasksDeleteArtifacts).returns<{ deleted: number } & Obj>(),
  'tasks.add_or_update_model': ep(tasks.tasksAddOrUpdateModel).returns<Status>(),
  'tasks.delete_models': ep(tasks.tasksDeleteModels).returns<Status>(),
  'tasks.clone': ep(tasks.tasksClone).returns<{ id: string; new_project?: { id: string; name: string } }>(),
  'tasks.move': ep(tasks.tasksMove).returns<{ project_id: string | null }>(),
  'tasks.enqueue': ep(tasks.tasksEnqueue).returns<Status & { queued: number; queue_watched?: boolean }>(),
  'tasks.dequeue': ep(tasks.tasksDequeue).returns<Status & { dequeued: number }>(),
  'tasks.enqueue_many': ep(tasks.tasksEnqueueMany).returns<ManyResult & { queue_watched?: boolean }>(),
  'tasks.dequeue_many': ep(tasks.tasksMany).returns<ManyResult>(),

  'pipelines.start_pipeline': ep(pipelines.pipelinesStartPipeline).returns<{
    pipeline: string;
    enqueued: boolean;
    queue_watched?: boolean;
  }>(),
  'queues.create': ep(queues.queuesCreate).returns<{ id: string }>(),
  'queues.get_by_id': ep(queues.queueId).returns<{ queue: Queue }>(),
  'queues.get_all': ep(queues.queuesGetAll).returns<{ queues: Queue[] }>(),
  'queues.get_all_ex': ep(queues.queuesGetAll).returns<{ queues: QueueEx[] }>(),
  'queues.get_default': ep(queues.queuesGetDefault).returns<{ id: string; name: string }>(),
  'queues.update': ep(queues.queuesUpdate).returns<Status>(),
  'queues.delete': ep(queues.queuesDelete).returns<{ deleted: number }>(),
  'queues.add_or_update_metadata': ep(queues.queuesAddOrUpdateMetadata).returns<{ updated: number }>(),
  'queues.delete_metadata': ep(queues.queuesDeleteMetadata).returns<{ updated: number }>(),
  'queues.get_next_task': ep(queues.queuesGetNextTask).returns<{ entry?: { task: string; added?: string } } & Obj>(),
  'queues.add_task': ep(queues.queuesAddTask).returns<{ added: number }>(),
  'queues.remove_task': ep(queues.queuesRemoveTask).returns<{ removed: number }>(),
  'queues.move_task_forward': ep(queues.queuesMoveTask).returns<Moved>(),
  'queues.move_task_backward': ep(queues.queuesMoveTask).returns<Moved>(),
  'queues.move_task_to_front': ep(queues.queuesMoveTask).returns<Moved>(),
  'queues.move_task_to_back': ep(queues.queuesMoveTask).returns<Moved>(),
  'queues.clear_queue': ep(queues.queueId).returns<{ removed_tasks: string[] }>(),
  'queues.peek_task': ep(queues.queueId).returns<{ task?: string }>(),
  'queues.get_num_entries': ep(queues.queueId).returns<{ num: number }>(),
  'queues.get_queue_metrics': ep(queues.queuesGetQueueMetrics).returns<{ queues: QueueSeries[] }>(),

  'workers.register': ep(workers.workersRegister).returns<Obj>(),
  'workers.unregister': ep(workers.workersUnregister).returns<Obj>(),
  'workers.status_report': ep(workers.workersStatusReport).returns<Obj>(),
  'workers.get_all': ep(workers.workersGetAll).returns<{ workers: WorkerInfo[] }>(),
  'workers.get_metric_keys': ep(workers.workersGetMetricKeys).returns<{
    categories: { name: string; metric_keys: string[] }[];
  }>(),
  'workers.get_stats': ep(workers.workersGetStats).returns<{
    workers: { worker: string; metrics: WorkerMetricStats[] }[];
  }>(),
  'workers.get_activity_report': ep(workers.workersGetActivityReport).returns<{
    total: ActivitySeries;
    active: ActivitySeries;
  }>(),

  'models.create': ep(models.modelsCreate).returns<{ id: string; created: boolean }>(),
  'models.get_by_id': ep(models.modelId).returns<{ model: Model }>(),
  'models.get_all': ep(models.modelsGetAll).returns<{ models: Model[] } & Obj>(),
  'models.get_all_ex': ep(models.modelsGetAll).returns<{ models: Model[] } & Obj>(),
  'models.edit': ep(models.modelsEdit).returns<Status>(),
  'models.update': ep(models.modelsEdit).returns<Status>(),
  'models.update_for_task': ep(models.modelsUpdateForTask).returns<{ id: string; created: boolean } & Obj>(),
  'models.set_ready': ep(models.modelsSetReady).returns<Status & Obj>(),
  'models.delete': ep(models.modelsDelete).returns<{ deleted: boolean } & Obj>(),
  'models.add_or_update_metadata': ep(models.modelsAddOrUpdateMetadata).returns<{ updated: number }>(),
  'models.delete_metadata': ep(models.modelsDeleteMetadata).returns<{ updated: number }>(),
  'models.publish_many': ep(models.modelsMany).returns<ManyResult>(),
  'models.archive_many': ep(models.modelsMany).returns<ManyResult>(),
  'models.unarchive_many': ep(models.modelsMany).returns<ManyResult>(),
  'models.delete_many': ep(models.modelsMany).returns<ManyResult>(),
  'models.get_frameworks': ep(models.modelsGetFrameworks).returns<{ frameworks: string[] }>(),
  'models.get_by_task_id': ep(models.modelsByTask).returns<{ model: Model | null } & Obj>(),
  'models.move': ep(models.modelsMove).returns<{ project_id: string | null }>(),
  'models.update_tags': ep(models.modelsUpdateTags).returns<{ updated: number }>(),

  'events.add': ep(events.singleEvent).returns<Obj>(),
  'events.add_batch': ep(events.addBatch).returns<{ added: number; errors: number; errors_info?: Obj }>(),
  'events.scalar_metrics_iter_histogram': ep(events.scalarHistogram).returns<Histogram>(),
  'events.multi_task_scalar_metrics_iter_histogram': ep(events.multiScalarHistogram).returns<{
    metrics: MultiHistogram;
  }>(),
  'events.get_scalar_metrics_and_variants': ep(events.taskOnly).returns<{ metrics: MetricList }>(),
  'events.get_task_log': ep(events.taskLog).returns<Events<LogEventDoc>>(),
  'events.get_task_plots': ep(events.taskPlots).returns<{
    plots: PlotEvent[];
    returned: number;
    total: number;
    scroll_id: string;
  }>(),
  'events.debug_images': ep(events.debugImages).returns<{
    metrics: { task: string; iterations: { iter: number; events: ImageEvent[] }[] }[];
    scroll_id: string;
  }>(),
  'events.plots': ep(events.debugImages).returns<{
    metrics: { task: string; iterations: { iter: number; events: PlotEvent[] }[] }[];
    scroll_id: string;
  }>(),
  'events.get_task_metrics': ep(events.taskMetrics).returns<{ metrics: { task: string; metrics: string[] }[] }>(),
  'events.get_task_single_value_metrics': ep(events.singleValueMetrics).returns<{
    tasks: { task: string; task_name?: string; values: SingleValue[] }[];
  }>(),
  'events.delete_for_task': ep(events.deleteForTask).returns<{ deleted: number }>(),
  'events.get_task_events': ep(events.taskEvents).returns<Events>(),
  'events.get_scalar_metric_data': ep(events.scalarMetricData).returns<Events>(),
  'events.scalar_metrics_iter_raw': ep(events.scalarIterRaw).returns<{
    /** variant -> `y` and the key asked for (`iter`, `timestamp` or `iso_time`) -> values. */
    variants: Record<string, Record<string, (number | string)[]>>;
    returned: number;
    total?: number;
    scroll_id: string;
  }>(),
  'events.get_task_latest_scalar_values': ep(events.taskOnly).returns<Obj>(),
  'events.clear_task_log': ep(events.clearTaskLog).returns<{ deleted: number }>(),
  'events.delete_for_model': ep(events.modelOnly).returns<{ deleted: number }>(),
  'events.clear_scroll': ep(events.scrollOnly).returns<Obj>(),
  'events.get_debug_image_sample': ep(events.variantSample).returns<Sample>(),
  'events.next_debug_image_sample': ep(events.nextSample).returns<Sample>(),
  'events.get_plot_sample': ep(events.metricSample).returns<Sample>(),
  'events.next_plot_sample': ep(events.nextSample).returns<Sample>(),
  'events.get_vector_metrics_and_variants': ep(events.taskOnly).returns<Obj>(),
  'events.vector_metrics_iter_histogram': ep(events.vectorHistogram).returns<Obj>(),
  'events.get_task_log_lines': ep(events.taskLogLines).returns<{
    lines: ConsoleLine[];
    from_line: number;
    total_lines: number;
  }>(),
  'events.search_task_log': ep(events.searchTaskLog).returns<{
    line: number | null;
    text?: string;
    /**
     * A regular expression's search stopped at its bound without a match: the last line it looked at (the
     * search goes on from the next line, or the one before it backwards).
     */
    searched_to?: number;
  }>(),
  'events.download_task_log': ep(events.downloadTaskLog).returns<RawBody>(),
  'events.get_multi_task_plots': ep(events.multiTaskPlots).returns<{
    /** metric -> variant -> task -> iteration -> that task's plots there. */
    plots: Record<string, Record<string, Record<string, Record<string, { name: string; plots: EventDoc[] }>>>>;
    returned: number;
    total: number;
  }>(),
  'events.get_multi_task_metrics': ep(events.multiTaskMetrics).returns<{
    metrics: { metric: string; variants: string[] }[];
  }>(),
} as const;

export type Contract = typeof contract;
export type EndpointName = keyof Contract;
/** The body a caller may send (zod's input side: defaults and optional fields may be left out). */
export type RequestOf<E extends EndpointName> = z.input<Contract[E]['request']>;
/** The body a handler receives, after validation. */
export type ValidRequestOf<E extends EndpointName> = z.output<Contract[E]['request']>;
export type ResponseOf<E extends EndpointName> = Contract[E]['response'] extends Returns<infer R> ? R : never;
