/**
 * The storage interface. Services speak only this; all SQL lives behind it.
 * Methods are async so that a client-server database (PostgreSQL) can implement
 * the same interface without the services changing.
 */
import type { Model, Project, Queue, QueueEntry, Task } from '../../shared/api/records';
import type { TaskStatus } from '../../shared/task-state';
import type { PatternTest } from './patterns';

export interface SortKey {
  /** A task field (`name`, `last_update`, ...) or a dotted path into the task (`hyperparams.Args.lr.value`). */
  field: string;
  desc: boolean;
}

export interface TagFilter {
  /** Every one of these must be present. */
  all?: string[];
  /** At least one of these must be present. */
  any?: string[];
  /** None of these may be present. */
  none?: string[];
  /** ClearML's field filter (`filters.tags`), besides the conditions above. */
  list?: TagListFilter;
}

/** Conditions on the tasks or models whose tags are listed (ClearML's `filter` of the tags endpoints). */
export interface TagsWhere {
  tags?: TagFilter;
  systemTags?: TagFilter;
}

/**
 * ClearML's field filter on a list (tasks.get_all_ex 2.27 `filters`): the `any` terms joined by OR (holds one of
 * `include`; lacks one of `exclude`), the `all` terms by AND (holds each of `include`; holds none of `exclude`),
 * and the two parts by `op` (AND unless told).
 */
export interface TagListFilter {
  any?: { include?: string[]; exclude?: string[] };
  all?: { include?: string[]; exclude?: string[] };
  op?: 'and' | 'or';
}

/** A bound on a task field: a date column, `last_iteration`, or a numeric path in the task (metric or hyper-parameter value). */
export interface RangeFilter {
  field: string;
  kind: 'date' | 'number';
  gte?: string | number;
  lte?: string | number;
  gt?: string | number;
  lt?: string | number;
}

/** Tasks whose hyperparameter holds one of `values` (or lacks it, with `missing`): ClearML's list filter on a parameter. */
export interface ParamValuesFilter {
  section: string;
  name: string;
  values: string[];
  missing: boolean;
}

export interface TaskQuery {
  ids?: string[];
  projects?: string[];
  statuses?: string[];
  types?: string[];
  users?: string[];
  parents?: string[];
  tags?: TagFilter;
  systemTags?: TagFilter;
  /** Case-insensitive regular expression on the name. */
  nameRegex?: string;
  /** Substring searched in name, id and comment (case-insensitive). */
  searchText?: string;
  /** When false (the default) tasks with the `hidden` system tag are left out. */
  includeHidden?: boolean;
  /** Only running tasks whose last_update is older than this (ISO). */
  lastUpdateBefore?: string;
  /** Every bound must hold; a task without the field matches none. */
  ranges?: RangeFilter[];
  paramValues?: ParamValuesFilter[];
  orderBy?: SortKey[];
  offset?: number;
  limit?: number;
  /**
   * Keyset paging: the values of the order keys (then the id) of the last row of the previous
   * page. Used instead of `offset` when every order key is a column that is never null
   * (`keysetColumns`), so a deep page costs what the first one does.
   */
  after?: (string | number)[];
}

/** Task fields a keyset cursor can follow: stored as columns, never null. */
export const KEYSET_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'type',
  'status',
  'user',
  'comment',
  'created',
  'last_update',
  'last_iteration',
]);

export interface ProjectQuery {
  ids?: string[];
  nameRegex?: string;
  /** Only direct children of this project (null: top level). */
  parent?: string | null;
  includeHidden?: boolean;
  orderBy?: SortKey[];
  offset?: number;
  limit?: number;
}

export interface ModelQuery {
  ids?: string[];
  users?: string[];
  /** Substring searched in name, id and comment (case-insensitive). */
  searchText?: string;
  tasks?: string[];
  projects?: string[];
  nameRegex?: string;
  ready?: boolean;
  frameworks?: string[];
  tags?: TagFilter;
  systemTags?: TagFilter;
  orderBy?: SortKey[];
  offset?: number;
  limit?: number;
  /** Only models whose id sorts after this one: walking every model in id order, a page at a time. */
  afterId?: string;
}

export interface StatusCount {
  project: string;
  status: TaskStatus;
  count: number;
  lastUpdate: string;
  /** Seconds the tasks ran, start to end (to now for running ones). */
  runtime?: number;
}

/** One series' share of a batch of scalars, folded (last, min, max and first of the batch's points). */
export interface MetricFold {
  metric: string;
  variant: string;
  value: number;
  iter: number;
  timestamp: number;
  min_value: number;
  min_value_iteration: number;
  max_value: number;
  max_value_iteration: number;
  first_value: number;
  first_value_iteration: number;
  /** Points of the series the batch stored that it did not hold before (a resent point adds none). */
  added: number;
  /** What the series' total of stored values moved by (SeriesAdded.total): with the count, its mean. */
  total: number;
}

/** What one batch of events changes on a task or model besides the events. */
export interface EventProgress {
  id: string;
  /** ISO time of the batch. */
  lastUpdate: string;
  /** The highest iteration among the batch's events, when it has any. */
  maxIter?: number;
  metrics: MetricFold[];
}

export interface TaskRepo {
  /** The task, with `last_metrics` assembled from the metrics table. */
  get(id: string): Promise<Task | null>;
  /** Tasks by id, hidden ones too; without `last_metrics` (`{}`) when `withMetrics` is false (their rows are most of a task). */
  getMany(ids: string[], opts?: { withMetrics?: boolean }): Promise<Task[]>;
  /** Stores the task, its `last_metrics` included. */
  insert(task: Task): Promise<void>;
  /** Stores the task's document; `last_metrics` is not written (events keep it: `recordEvents`, `clearMetrics`). */
  update(task: Task): Promise<void>;
  /** Stores several tasks' documents as `update` does, in a few statements for all of them (a task named twice: its last). */
  updateMany(tasks: Task[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Deletes the tasks with their tags, metrics and parameter rows, and takes them out of the kept counts. */
  deleteMany(ids: string[]): Promise<void>;
  /** Tasks with `last_metrics`, unless `withMetrics` is false (then it is `{}`). */
  query(q: TaskQuery & { withMetrics?: boolean }): Promise<Task[]>;
  /** Status of each existing task among `ids` (locked for update inside a PostgreSQL transaction). */
  statuses(ids: string[]): Promise<Map<string, TaskStatus>>;
  /** Folds a batch's metrics into each task's `last_metrics` and advances last_update and last_iteration. */
  recordEvents(progress: EventProgress[]): Promise<void>;
  /** Empties a task's `last_metrics`. */
  clearMetrics(id: string): Promise<void>;
  count(q: TaskQuery): Promise<number>;
  /** Task counts by project and status, for project statistics; with `users`, of their tasks alone. */
  countByProjectAndStatus(projectIds?: string[], includeArchived?: boolean, users?: string[]): Promise<StatusCount[]>;
  /**
   * Tasks completed since `since` (an ISO time) per project and archived flag, as clearml-server counts them for
   * `completed_tasks_24h`: a completion time after it, and not pending, running or failed. Read off the last-update
   * index (a task's last update is never before its completion): the cost grows with the tasks changed since.
   */
  completedSince(since: string, users?: string[]): Promise<{ project: string; archived: boolean; count: number }[]>;
  /** Hyperparameters any task of `projects` (every project: undefined) holds, by section then name: a page and the total. */
  paramNames(
    projects: string[] | undefined,
    page: { offset: number; limit: number },
  ): Promise<{ names: ParamName[]; total: number }>;
  /** Metric series any task of `projects` (every project: undefined) holds, by metric then variant, at most `limit`. */
  metricSeries(projects: string[] | undefined, limit: number): Promise<MetricSeries[]>;
  /**
   * The distinct tags (`system`: system tags) of the tasks of `projects` (every project: undefined) that meet
   * `where`, in order, at most `limit`.
   */
  tagsInUse(projects: string[] | undefined, system: boolean, limit: number, where?: TagsWhere): Promise<string[]>;
  /**
   * The distinct parents of the tasks of `projects` (every project: undefined), archived or not as `archived`
   * says (either: undefined), at most `limit`.
   */
  parentsInUse(projects: string[] | undefined, archived: boolean | undefined, limit: number): Promise<string[]>;
  /**
   * The distinct values of one hyperparameter among the tasks of `projects` (every project: undefined), in order, a
   * page of them, with their total; `matches` keeps only the values it accepts (ClearML's pattern).
   */
  paramValues(
    key: { section: string; name: string },
    projects: string[] | undefined,
    page: { offset: number; limit: number },
    pattern?: string,
  ): Promise<{ values: string[]; total: number }>;
  /** The distinct types (or users) of the tasks of `projects` (every project: undefined), in order, at most `limit`. */
  valuesInUse(column: 'type' | 'user', projects: string[] | undefined, limit: number): Promise<string[]>;
}

export interface ParamName {
  section: string;
  name: string;
}

export interface MetricSeries {
  metric: string;
  metric_hash: string;
  variant: string;
  variant_hash: string;
}

export interface ProjectRepo {
  get(id: string): Promise<Project | null>;
  getByName(name: string): Promise<Project | null>;
  /**
   * Which of these projects exist, each held until the transaction ends (on PostgreSQL a key-share lock, in name
   * order): a task or model put in one inside that transaction cannot outlive a delete of the project that locks
   * it (`get` in a transaction) on another server. Many holders do not wait for one another. Taken before any task
   * or model row is locked, as a delete locks its projects before their tasks (else the two deadlock).
   */
  hold(ids: string[]): Promise<Set<string>>;
  insert(project: Project): Promise<void>;
  update(project: Project): Promise<void>;
  delete(id: string): Promise<void>;
  query(q: ProjectQuery): Promise<Project[]>;
}

export interface ModelRepo {
  /** The model, with `last_metrics` (when it has any) assembled from the metrics table. */
  get(id: string): Promise<Model | null>;
  /** Stores the model, its `last_metrics` included. */
  insert(model: Model): Promise<void>;
  /** Stores the model's document; `last_metrics` is not written (see `recordEvents`). */
  update(model: Model): Promise<void>;
  delete(id: string): Promise<void>;
  query(q: ModelQuery): Promise<Model[]>;
  /** How many models the projects hold (off the project index: no document read). */
  countInProjects(projects: string[]): Promise<number>;
  /** Whether each existing model among `ids` is published (`ready`), locked as `TaskRepo.statuses`. */
  readiness(ids: string[]): Promise<Map<string, boolean>>;
  /** As `TaskRepo.recordEvents`, for models. */
  recordEvents(progress: EventProgress[]): Promise<void>;
  /** As `TaskRepo.tagsInUse`, for models. */
  tagsInUse(projects: string[] | undefined, system: boolean, limit: number, where?: TagsWhere): Promise<string[]>;
  /** The distinct users of the models of `projects` (every project: undefined), in order, at most `limit`. */
  usersInUse(projects: string[] | undefined, limit: number): Promise<string[]>;
  /** The projects holding a model of any of `users` (read off the models' user index). */
  projectsOf(users: string[]): Promise<string[]>;
}

export interface QueueRepo {
  get(id: string): Promise<Queue | null>;
  getByName(name: string): Promise<Queue | null>;
  list(): Promise<Queue[]>;
  insert(queue: Queue): Promise<void>;
  update(queue: Queue): Promise<void>;
  delete(id: string): Promise<void>;
  /** Queues holding an entry for this task (locked inside a PostgreSQL transaction, as `get` is). */
  findByTask(taskId: string): Promise<Queue[]>;
  /** The queues holding any of the tasks, in creation order. */
  findByTasks(taskIds: string[]): Promise<Queue[]>;
  /**
   * Takes the first entry of the queue (only if it is `onlyTask`'s, when given) and returns it
   * (null when there is none, `missing` when there is no such queue). Concurrent pops on PostgreSQL
   * each take a different entry without waiting on one another; writes that reorder the queue wait for them.
   */
  pop(queueId: string, onlyTask?: string): Promise<QueueEntry | null | 'missing'>;
}

/** A queue's length and mean waiting time (seconds) at an epoch ms. */
export interface ExclusiveOptions {
  wait?: boolean;
  waitMs?: number;
}

/** How long a `wait`ing exclusive job waits for another server's: the first start's work takes seconds, not minutes. */
export const EXCLUSIVE_WAIT_MS = 120_000;

/** Another server held an exclusive job's lock longer than the wait allows. */
export class ExclusiveTimeoutError extends Error {}

export interface QueueSample {
  queue: string;
  at: number;
  length: number;
  avgWait: number;
}

/** Queue samples shared by every server on the database; one day is kept. */
export interface QueueSampleRepo {
  add(samples: QueueSample[]): Promise<void>;
  /**
   * Per queue and bucket of `stepMs` (by `at`, from..to inclusive), the sample with the largest
   * waiting time (then length), ordered by queue and time; `at` is the bucket's start.
   */
  buckets(queues: string[], fromMs: number, toMs: number, stepMs: number): Promise<QueueSample[]>;
  /** Deletes the `limit` oldest samples older than `beforeMs` (and any at the same time as the last); returns how many went. */
  deleteOlder(beforeMs: number, limit: number): Promise<number>;
}

/** One value of a worker's machine statistics: a metric of one device ("total" for a machine-wide value). */
export interface WorkerStatRow {
  worker: string;
  /** Epoch ms. */
  at: number;
  task: string | null;
  metric: string;
  variant: string;
  value: number;
}

export interface StatsQuery {
  /** Undefined: every worker. */
  workers?: string[];
  metrics: string[];
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Buckets per device (variant) rather than over all of a metric's devices. */
  byVariant: boolean;
}

/** A bucket of a worker's metric (and device): the mean, least and greatest value; `at` the bucket's start. */
export interface StatBucket {
  worker: string;
  metric: string;
  variant: string | null;
  at: number;
  avg: number;
  min: number;
  max: number;
}

/** Workers that reported in a bucket, and those of them on a task; `at` the bucket's start. */
export interface WorkerActivity {
  at: number;
  total: number;
  active: number;
}

/** Workers' machine statistics, shared by every server on the database; one day is kept. */
export interface WorkerStatRepo {
  add(rows: WorkerStatRow[]): Promise<void>;
  /** Buckets of `stepMs` (by `at`, from..to inclusive), ordered by worker, metric, variant and time. */
  buckets(q: StatsQuery): Promise<StatBucket[]>;
  activity(fromMs: number, toMs: number, stepMs: number): Promise<WorkerActivity[]>;
  /** Which of `candidates` any of `workers` (every worker: undefined) has reported. */
  metrics(candidates: readonly string[], workers?: string[]): Promise<string[]>;
  /** As `QueueSampleRepo.deleteOlder`. */
  deleteOlder(beforeMs: number, limit: number): Promise<number>;
}

/** Failed sign-in attempts, shared by every server on the database. */
export interface LoginFailureRepo {
  /**
   * Inside a transaction: makes concurrent transactions that name any of these keys wait for this
   * one (PostgreSQL; SQLite runs one transaction at a time).
   */
  lock(keys: string[]): Promise<void>;
  /** Times (epoch ms) of the key's failures at or after `since`, newest first, at most `limit`. */
  recent(key: string, since: number, limit: number): Promise<number[]>;
  /** Records one attempt `id` at `at` against each key. */
  add(id: string, keys: string[], at: number): Promise<void>;
  /** Removes an attempt (it succeeded). */
  forget(id: string): Promise<void>;
  /** Deletes the `limit` oldest rows older than `beforeMs` (and any at the same time as the last); returns how many went. */
  deleteOlder(beforeMs: number, limit: number): Promise<number>;
}

/**
 * A message channel between the servers on one database (PostgreSQL LISTEN/NOTIFY); absent
 * on SQLite, where one server owns the store. Messages are small strings (under 7,000 bytes).
 */
export interface StoreChannel {
  send(message: string): Promise<void>;
  /** Resolves once listening; the returned function stops. */
  listen(onMessage: (message: string) => void): Promise<() => Promise<void>>;
}

export interface ScalarPoint {
  task: string;
  metric: string;
  variant: string;
  iter: number;
  value: number;
  timestamp: number;
}

export interface SeriesInfo {
  id: number;
  task: string;
  metric: string;
  variant: string;
  count: number;
}

/** Points a stored chunk holds (every chunk of a series but its last is full). */
export const SCALAR_CHUNK_SIZE = 256;

/** Numbers a chunk in EventRepo.readSummaries: seq, count, and (y, iter, time) of min, max, first and last. */
export const SUMMARY_STRIDE = 14;

/** A stored run of consecutive points of one series, with its summary. */
export interface ScalarChunk {
  series: number;
  seq: number;
  count: number;
  minY: number;
  minIter: number;
  minTime: number;
  maxY: number;
  maxIter: number;
  maxTime: number;
  firstIter: number;
  firstTime: number;
  firstY: number;
  lastIter: number;
  lastTime: number;
  lastY: number;
  /** Present only when asked for: the points themselves. */
  iters?: Float64Array;
  times?: Float64Array;
  values?: Float64Array;
}

export interface LogRow {
  /** Stable position of the row in the task's log (grows with time of arrival). */
  pos: number;
  task: string;
  timestamp: number;
  level: string;
  worker: string;
  msg: string;
  /** Number of the event's first console line in its task (from 0), and how many lines it holds. */
  line: number;
  lines: number;
}

export interface StoredEvent {
  pos: number;
  task: string;
  type: string;
  iter: number;
  metric: string;
  variant: string;
  timestamp: number;
  body: Record<string, unknown>;
}

export interface EventQuery {
  tasks: string[];
  type: string;
  metrics?: { metric: string; variants?: string[] }[];
  iter?: number;
  /** Only the newest N distinct iterations per metric/variant (by iteration). */
  lastIters?: number;
  /** Iterations strictly below (or above) this, for paging. */
  iterBelow?: number;
  iterAbove?: number;
  limit?: number;
}

export interface LogRead {
  /** Positions strictly after / before. */
  after?: number;
  before?: number;
  /** Timestamps (epoch ms) strictly after / before. */
  tsAfter?: number;
  tsBefore?: number;
  limit: number;
  desc: boolean;
}

/** How many points of a series a write added (points at iterations the series held are overwritten, not added). */
export interface SeriesAdded {
  task: string;
  metric: string;
  variant: string;
  added: number;
  /** What the stored points' total of values moved by: the added points' values, and each overwrite's change. */
  total: number;
}

/** One series' points of a batch, as columns, in the order they came (the ingest writer's form: no object per point). */
export interface ScalarSeriesBatch {
  task: string;
  metric: string;
  variant: string;
  iters: ArrayLike<number>;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface EventRepo {
  addScalars(points: ScalarPoint[]): Promise<SeriesAdded[]>;
  /** As addScalars, the points already grouped by series (each series once). */
  addScalarSeries(series: ScalarSeriesBatch[]): Promise<SeriesAdded[]>;
  listSeries(tasks: string[]): Promise<SeriesInfo[]>;
  /**
   * A series' chunks in order; `seqs` bounds their sequence numbers (from ≤ seq < to, and with `step` only
   * every step-th from `from` on), `iters` keeps those whose iterations meet the range.
   */
  readChunks(
    series: number,
    withPoints: boolean,
    seqs?: { from: number; to: number; step?: number },
    iters?: { lo: number; hi: number },
  ): Promise<ScalarChunk[]>;
  /**
   * Each chunk's extremes, packed six numbers a chunk in order of arrival:
   * minY, minIter, minTime, maxY, maxIter, maxTime. With `minGroups`, those of the stored groups of
   * consecutive chunks instead (a quarter as many rows) when the series has at least that many.
   */
  readExtremes(series: number, minGroups?: number): Promise<Float64Array>;
  /**
   * Every chunk's summary in order of arrival, packed SUMMARY_STRIDE numbers a chunk: seq, count, then
   * y, iteration and time of its minimum, maximum, first and last point. One row a chunk, no object a chunk.
   */
  readSummaries(series: number): Promise<Float64Array>;
  /** Appends console events; positions and line numbers are given by the store. */
  addLogs(rows: Omit<LogRow, 'pos' | 'line' | 'lines'>[]): Promise<void>;
  /** Events holding any of the console lines [fromLine, fromLine + count), in order. */
  readLogLines(task: string, fromLine: number, count: number): Promise<LogRow[]>;
  /** How many console lines the task has. */
  countLogLines(task: string): Promise<number>;
  /** The position of the log row holding a console line (the last row starting at or before it), if any. */
  logRowAt(task: string, line: number): Promise<number | undefined>;
  /** Log rows after (asc) or before (desc) a position, nearest first. */
  readLogs(task: string, opts: LogRead): Promise<LogRow[]>;
  countLogs(task: string): Promise<number>;
  /** Positions of log rows whose text contains `text` (case-insensitive), from a position on. */
  searchLogs(task: string, text: string, opts: { fromLine?: number; desc: boolean; limit: number }): Promise<LogRow[]>;
  addEvents(rows: Omit<StoredEvent, 'pos'>[]): Promise<void>;
  queryEvents(q: EventQuery): Promise<StoredEvent[]>;
  /** Distinct metric/variant pairs of a type of event, per task. */
  listMetrics(tasks: string[], type: string): Promise<{ task: string; metric: string; variant: string }[]>;
  deleteForTask(task: string): Promise<number>;
  /** Deletes every event of the tasks (or models); returns how many events went. */
  deleteForTasks(tasks: string[]): Promise<number>;
  /** Deletes a task's console rows, or only those older than a timestamp (epoch ms). */
  deleteLogs(task: string, olderThan?: number): Promise<number>;
}

export interface Credential {
  accessKey: string;
  secretHash: string;
  userId: string;
  created: string;
  label: string;
  /** When the key was revoked; a revoked key authenticates nothing. */
  revoked: string | null;
  lastUsed: string | null;
}

export interface User {
  id: string;
  name: string;
  company: string;
  created: string;
  /** Unique sign-in name (lower case). */
  login: string;
  role: 'admin' | 'member' | 'viewer';
  disabled: boolean;
  /** Null until a password is set (a user may have only API keys). */
  passwordHash: string | null;
}

/** A dashboard session: only a hash of the cookie's value is kept. */
export interface SessionRow {
  idHash: string;
  userId: string;
  created: string;
  /** Epoch ms of the last request seen, for the idle expiry. */
  lastSeen: number;
}

export interface AuthRepo {
  getCredential(accessKey: string): Promise<Credential | null>;
  addCredential(c: Credential): Promise<void>;
  countCredentials(): Promise<number>;
  listCredentials(userId: string): Promise<Credential[]>;
  updateCredential(accessKey: string, patch: Partial<Pick<Credential, 'label' | 'revoked' | 'lastUsed'>>): Promise<void>;
  getUser(id: string): Promise<User | null>;
  getUserByLogin(login: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  addUser(u: User): Promise<void>;
  updateUser(id: string, patch: Partial<Pick<User, 'name' | 'role' | 'disabled' | 'passwordHash'>>): Promise<void>;
  addSession(s: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | null>;
  touchSession(idHash: string, lastSeen: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Every session of the user, but the one named (the caller's own, when they change their password). */
  deleteUserSessions(userId: string, exceptHash?: string): Promise<void>;
  /** Deletes sessions last seen before this epoch ms; returns how many. */
  deleteIdleSessions(lastSeenBefore: number): Promise<number>;
  /** The user's preferences (a JSON object's text), null when none were stored. */
  getPreferences(userId: string): Promise<string | null>;
  /**
   * Stores what `change` makes of the user's preferences (their text, null when none), the row locked meanwhile so
   * that two changes at once both land; `change` may throw to store nothing.
   */
  updatePreferences(userId: string, change: (doc: string | null) => string): Promise<string>;
  /** A server-wide setting (e.g. the token-signing secret). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}

/** A registered worker (ClearML keeps them in Redis); it lapses `timeoutSec` after its last activity. */
export interface WorkerEntry {
  id: string;
  user: string;
  company: string;
  ip: string;
  registerTime: number;
  lastActivity: number;
  timeoutSec: number;
  queues: string[];
  queue: string | null;
  task: string | null;
  machineStats?: Record<string, unknown>;
  tags: string[];
}

/** Workers shared by every server on the database, each with an expiry. */
export interface WorkerRepo {
  put(w: WorkerEntry): Promise<void>;
  /** The worker unless it has lapsed by `now` (epoch ms). */
  get(id: string, now: number): Promise<WorkerEntry | null>;
  delete(id: string): Promise<boolean>;
  /** Removes lapsed workers and lists the others by id. */
  listAlive(now: number): Promise<WorkerEntry[]>;
}

export interface Store {
  tasks: TaskRepo;
  workers: WorkerRepo;
  projects: ProjectRepo;
  models: ModelRepo;
  queues: QueueRepo;
  queueSamples: QueueSampleRepo;
  workerStats: WorkerStatRepo;
  loginFailures: LoginFailureRepo;
  events: EventRepo;
  auth: AuthRepo;
  /**
   * Search semantics of name patterns (`nameRegex`, worker patterns): why a pattern cannot be
   * used (null when it can), and a matcher for lists kept outside the store.
   */
  patternError(pattern: string): string | null;
  patternTest(pattern: string): PatternTest;
  /**
   * Runs `fn` atomically: all of its writes land, or none. `fn` gets the store bound to the
   * transaction (`tx`); calls through this store from within `fn` join the transaction too, and
   * a transaction begun inside another joins it. On SQLite transactions run one at a time; on
   * PostgreSQL they run concurrently, so a read-modify-write takes its rows with `tx` and must
   * not depend on reads made before the transaction began.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Whether calls made here join an open transaction (whose uncommitted writes only this connection sees). */
  inTransaction(): boolean;
  /**
   * Whether a transaction holds the event loop while it runs (SQLite's synchronous driver). On PostgreSQL the loop
   * turns while statements travel, and a change of many rows is better sent in few transactions.
   */
  readonly transactionsHoldLoop: boolean;
  /**
   * Runs `fn` unless another server on the same database is running a job of this name (then
   * resolves to undefined, or with `wait`, runs it once that one is done). SQLite has one server
   * per data folder, so it always runs there. A `wait` longer than `waitMs` (default EXCLUSIVE_WAIT_MS) throws
   * an ExclusiveTimeoutError.
   */
  exclusive<T>(name: string, fn: () => Promise<T>, opts?: ExclusiveOptions): Promise<T | undefined>;
  /** Messages between the servers sharing this database (PostgreSQL only). */
  channel?: StoreChannel;
  /** Waits for the running transactions, writes everything back into the main database file, and closes. */
  close(): Promise<void>;
}
