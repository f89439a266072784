import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Caps on what one request may hold; over a cap the request is refused with a 400 naming the field. */
export interface RequestLimits {
  /** Any `name` field (tasks, projects, models, queues, parameters, artifacts...), in bytes. */
  maxNameBytes: number;
  /** Tags in one `tags`/`system_tags` list, and bytes in one tag. */
  maxTags: number;
  maxTagBytes: number;
  /** Comments, descriptions and status messages, in bytes. */
  maxTextBytes: number;
  /** A hyper-parameter or configuration value, in bytes. */
  maxValueBytes: number;
  /** Items in an id list (or any other list inside a request). */
  maxIds: number;
  /** Nesting depth of a request body. */
  maxJsonDepth: number;
  /** Page of a list call that asks for no paging, and the largest page any call gets. */
  defaultPageSize: number;
  maxPageSize: number;
}

/** Only the limits, as they cross to a thread (the server's config also holds secrets). */
export function limitsOnly(l: RequestLimits): RequestLimits {
  return {
    maxNameBytes: l.maxNameBytes,
    maxTags: l.maxTags,
    maxTagBytes: l.maxTagBytes,
    maxTextBytes: l.maxTextBytes,
    maxValueBytes: l.maxValueBytes,
    maxIds: l.maxIds,
    maxJsonDepth: l.maxJsonDepth,
    defaultPageSize: l.defaultPageSize,
    maxPageSize: l.maxPageSize,
  };
}

export interface ServerConfig extends RequestLimits {
  port: number;
  host: string;
  dataDir: string;
  /** Where uploaded files live; unset, `<dataDir>/files`. Servers on one PostgreSQL database share one. */
  filesDir?: string;
  /** A postgres:// URL selects PostgreSQL; unset, the store is SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Where the dashboard's built files are (vite build output). */
  staticDir: string;
  /** Largest accepted upload to /files, in bytes. */
  maxUploadBytes: number;
  /** Largest accepted API request body, in bytes. */
  maxRequestBytes: number;
  /** A running task silent this long is marked aborted. */
  nonResponsiveThresholdSec: number;
  /** How often the watchdog looks. */
  watchIntervalSec: number;
  /** A worker that neither registers nor reports for this long is dropped (unless it asked for another timeout). */
  workerTimeoutSec: number;
  /** On SIGTERM/SIGINT, how long requests and uploads in flight may take to finish before they are cut. */
  shutdownGraceSec: number;
  logLevel: LogLevel;
  /** Credentials to use for the first key pair, instead of random ones. */
  initialAccessKey?: string;
  initialSecretKey?: string;
  /** Login and password of the first admin (an empty store only); else `admin` and a random password. */
  initialAdminLogin?: string;
  initialAdminPassword?: string;
  /** Print the first credentials and clearml.conf at start (off in tests). */
  quiet: boolean;
  /** add_batch bodies held at once (read, not yet stored); more wait unread (backpressure). */
  maxIngestPendingBytes: number;
  /** add_batch requests read and stored at once; the others wait unread. */
  ingestConcurrency: number;
  /** Threads that parse and check add_batch bodies (off the event loop). */
  parseThreads: number;
  /** Largest answer of a paged list call (console events, lines); the rest comes on the next page. */
  maxAnswerBytes: number;
  /** Hyperparameters one task holds (all sections), and configuration items. */
  maxHyperparams: number;
  maxConfigItems: number;
  /**
   * A task's, model's or queue's whole record, after a call that adds to it (artifacts, models, parameters,
   * configuration, metadata): every read of the record parses it whole.
   */
  maxRecordBytes: number;
  /** An event-loop hold longer than this is logged with the requests in flight. */
  stallThresholdMs: number;
  /** Threads that run the long reads (charts, console search, big lists) off the event loop; 0 runs them inline. */
  readerThreads: number;
  /** SQLite: event batches are written by a thread with its own connection (off: on the event loop). PostgreSQL ignores it. */
  writerThread: boolean;
  /**
   * SQLite with its writer thread: when add_batch answers. `stored` (default): once committed. `queued`:
   * once the batch is parsed, checked against its owners and handed to the writer, which commits it moments
   * later; calls that may read events wait for every batch answered before them, and a clean stop commits
   * every batch answered, but a crashed process loses what it answered and had not committed. PostgreSQL
   * always answers once committed (several servers share it).
   */
  ingestAck: 'queued' | 'stored';
  /** A bearer token that may read /metrics without an API key (else /metrics needs a signed-in user). */
  metricsToken?: string;
  /** Addresses of reverse proxies whose X-Forwarded-For names the client (see clientAddress). */
  trustedProxies: string[];
}

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * The folder of Taskdeck's package.json, found up from this file (src/server in a checkout, dist-server once built):
 * where the built dashboard is, whatever folder the server is started from.
 */
function packageDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 8008,
    host: '0.0.0.0',
    dataDir: path.resolve('data'),
    staticDir: path.join(packageDir(), 'dist'),
    maxUploadBytes: 5 * GiB,
    maxRequestBytes: 128 * MiB,
    maxNameBytes: KiB,
    maxTags: 100,
    maxTagBytes: 256,
    maxTextBytes: 64 * KiB,
    maxValueBytes: 4 * MiB,
    maxIds: 10_000,
    maxHyperparams: 10_000,
    maxConfigItems: 1_000,
    maxRecordBytes: 16 * MiB,
    maxJsonDepth: 64,
    defaultPageSize: 500,
    maxPageSize: 10_000,
    nonResponsiveThresholdSec: 7200,
    watchIntervalSec: 900,
    workerTimeoutSec: 600,
    shutdownGraceSec: 10,
    logLevel: 'info',
    quiet: false,
    maxIngestPendingBytes: 64 * MiB,
    ingestConcurrency: 4,
    // The event loop keeps one core; on 2 cores the parse thread shares the other with the SQLite reader.
    parseThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
    maxAnswerBytes: 2 * MiB,
    stallThresholdMs: 100,
    trustedProxies: [],
    // Two where there are two cores: a chart of 10 series reads its series on both (measured on 2 cores:
    // 10 x 1M points 141-155 ms against 183-187 ms on one thread), and the event loop still answered
    // server.info within 11-14 ms p99 while a chart, a console search and a CSV export ran (11-15 ms with one).
    readerThreads: Math.min(2, availableParallelism()),
    writerThread: true,
    ingestAck: 'stored',
    ...overrides,
  };
}

const number = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'a number')
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max}`));
const text = z.string().trim().min(1, 'a non-empty value').max(4096, 'at most 4096 characters');
const flag = z.enum(['1', 'true', '0', 'false', '']).transform((v) => v === '1' || v === 'true');

/** Every option: its flag, its environment variable, and what a valid value is. */
const OPTIONS = {
  port: { flag: 'port', env: 'TASKDECK_PORT', schema: number(0, 65535).pipe(z.number().int('a whole number')) },
  host: { flag: 'host', env: 'TASKDECK_HOST', schema: text },
  dataDir: { flag: 'data', env: 'TASKDECK_DATA', schema: text.transform((p) => path.resolve(p)) },
  filesDir: { flag: 'files-dir', env: 'TASKDECK_FILES_DIR', schema: text.transform((p) => path.resolve(p)) },
  databaseUrl: {
    flag: 'database',
    env: 'TASKDECK_DATABASE_URL',
    schema: text.regex(/^postgres(ql)?:\/\/./, 'a postgres:// URL (leave unset for SQLite in the data folder)'),
  },
  staticDir: { flag: undefined, env: 'TASKDECK_STATIC', schema: text.transform((p) => path.resolve(p)) },
  maxUploadBytes: { flag: 'max-upload-bytes', env: 'TASKDECK_MAX_UPLOAD_BYTES', schema: number(0) },
  nonResponsiveThresholdSec: {
    flag: 'non-responsive-threshold-sec',
    env: 'TASKDECK_NON_RESPONSIVE_THRESHOLD_SEC',
    schema: number(0),
  },
  watchIntervalSec: { flag: 'watch-interval-sec', env: 'TASKDECK_WATCH_INTERVAL_SEC', schema: number(0) },
  workerTimeoutSec: { flag: 'worker-timeout-sec', env: 'TASKDECK_WORKER_TIMEOUT_SEC', schema: number(0) },
  shutdownGraceSec: { flag: 'shutdown-grace-sec', env: 'TASKDECK_SHUTDOWN_GRACE_SEC', schema: number(0, 3600) },
  logLevel: { flag: 'log-level', env: 'TASKDECK_LOG_LEVEL', schema: z.enum(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`) },
  initialAccessKey: { flag: undefined, env: 'TASKDECK_ACCESS_KEY', schema: z.string().max(256, 'at most 256 characters') },
  initialSecretKey: { flag: undefined, env: 'TASKDECK_SECRET_KEY', schema: z.string().max(256, 'at most 256 characters') },
  initialAdminLogin: { flag: undefined, env: 'TASKDECK_ADMIN_USER', schema: z.string().max(256, 'at most 256 characters') },
  initialAdminPassword: {
    flag: undefined,
    env: 'TASKDECK_ADMIN_PASSWORD',
    schema: z.string().max(1024, 'at most 1024 characters'),
  },
  quiet: { flag: 'quiet', env: 'TASKDECK_QUIET', schema: flag },
  maxRequestBytes: { flag: 'max-request-bytes', env: 'TASKDECK_MAX_REQUEST_BYTES', schema: number(0) },
  maxNameBytes: { flag: 'max-name-bytes', env: 'TASKDECK_MAX_NAME_BYTES', schema: number(0) },
  maxTags: { flag: 'max-tags', env: 'TASKDECK_MAX_TAGS', schema: number(0) },
  maxTagBytes: { flag: 'max-tag-bytes', env: 'TASKDECK_MAX_TAG_BYTES', schema: number(0) },
  maxTextBytes: { flag: 'max-text-bytes', env: 'TASKDECK_MAX_TEXT_BYTES', schema: number(0) },
  maxValueBytes: { flag: 'max-value-bytes', env: 'TASKDECK_MAX_VALUE_BYTES', schema: number(0) },
  maxIds: { flag: 'max-ids', env: 'TASKDECK_MAX_IDS', schema: number(0) },
  maxHyperparams: { flag: 'max-hyperparams', env: 'TASKDECK_MAX_HYPERPARAMS', schema: number(0) },
  maxConfigItems: { flag: 'max-config-items', env: 'TASKDECK_MAX_CONFIG_ITEMS', schema: number(0) },
  maxRecordBytes: { flag: 'max-record-bytes', env: 'TASKDECK_MAX_RECORD_BYTES', schema: number(0) },
  maxJsonDepth: { flag: 'max-json-depth', env: 'TASKDECK_MAX_JSON_DEPTH', schema: number(0) },
  defaultPageSize: { flag: 'default-page-size', env: 'TASKDECK_DEFAULT_PAGE_SIZE', schema: number(1) },
  maxPageSize: { flag: 'max-page-size', env: 'TASKDECK_MAX_PAGE_SIZE', schema: number(1) },
  maxIngestPendingBytes: { flag: 'max-ingest-pending-bytes', env: 'TASKDECK_MAX_INGEST_PENDING_BYTES', schema: number(1) },
  ingestConcurrency: { flag: 'ingest-concurrency', env: 'TASKDECK_INGEST_CONCURRENCY', schema: number(1, 1024) },
  parseThreads: { flag: 'parse-threads', env: 'TASKDECK_PARSE_THREADS', schema: number(1, 64) },
  maxAnswerBytes: { flag: 'max-answer-bytes', env: 'TASKDECK_MAX_ANSWER_BYTES', schema: number(1024) },
  stallThresholdMs: { flag: 'stall-threshold-ms', env: 'TASKDECK_STALL_THRESHOLD_MS', schema: number(1) },
  readerThreads: { flag: 'reader-threads', env: 'TASKDECK_READER_THREADS', schema: number(0, 16) },
  writerThread: { flag: 'writer-thread', env: 'TASKDECK_WRITER_THREAD', schema: flag },
  ingestAck: { flag: 'ingest-ack', env: 'TASKDECK_INGEST_ACK', schema: z.enum(['queued', 'stored'], 'queued or stored') },
  trustedProxies: {
    flag: 'trusted-proxy',
    env: 'TASKDECK_TRUSTED_PROXIES',
    schema: text
      .transform((v) =>
        v
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((a) => net.isIP(a) !== 0), 'IP addresses, separated by commas'),
  },
  metricsToken: {
    flag: undefined,
    env: 'TASKDECK_METRICS_TOKEN',
    schema: z.string().min(16, 'at least 16 characters').max(256, 'at most 256 characters'),
  },
} as const satisfies Record<string, { flag: string | undefined; env: string; schema: z.ZodType }>;

type Key = keyof typeof OPTIONS;

/** A bad option: names the flag or variable it came from and the value given. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly value: string,
    expected: string,
  ) {
    super(`Invalid ${source}: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)} (expected ${expected})`);
    this.name = 'ConfigError';
  }
}

/** Reads options from the command line, then TASKDECK_* variables, then defaults. */
export function configFromArgs(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const flags = Object.fromEntries(
    Object.values(OPTIONS).flatMap((o) =>
      o.flag ? [[o.flag, { type: o.flag === 'quiet' ? ('boolean' as const) : ('string' as const) }]] : [],
    ),
  );
  const { values } = parseArgs({ args: argv, options: flags, allowPositionals: true });
  const config: Record<string, unknown> = { ...defaultConfig() };
  for (const [key, o] of Object.entries(OPTIONS) as [Key, (typeof OPTIONS)[Key]][]) {
    const fromFlag = o.flag ? values[o.flag] : undefined;
    const raw = fromFlag !== undefined ? String(fromFlag) : env[o.env];
    // An empty variable counts as unset, as it did before.
    if (raw === undefined || (fromFlag === undefined && raw === '')) continue;
    const r = (o.schema as z.ZodType).safeParse(raw);
    if (!r.success) {
      const source = fromFlag !== undefined ? `--${o.flag}` : o.env;
      throw new ConfigError(source, raw, r.error.issues.map((i) => i.message).join('; '));
    }
    config[key] = r.data;
  }
  return config as unknown as ServerConfig;
}
