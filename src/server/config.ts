import path from 'node:path';
import { parseArgs } from 'node:util';

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

export interface ServerConfig extends RequestLimits {
  port: number;
  host: string;
  dataDir: string;
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
  /** Credentials to use for the first key pair, instead of random ones. */
  initialAccessKey?: string;
  initialSecretKey?: string;
  /** Print the first credentials and clearml.conf at start (off in tests). */
  quiet: boolean;
}

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Flag name -> config key, for the numeric limits (env: TASKDECK_<FLAG IN CAPITALS>). */
const LIMIT_FLAGS = {
  'max-request-bytes': 'maxRequestBytes',
  'max-name-bytes': 'maxNameBytes',
  'max-tags': 'maxTags',
  'max-tag-bytes': 'maxTagBytes',
  'max-text-bytes': 'maxTextBytes',
  'max-value-bytes': 'maxValueBytes',
  'max-ids': 'maxIds',
  'max-json-depth': 'maxJsonDepth',
  'default-page-size': 'defaultPageSize',
  'max-page-size': 'maxPageSize',
} as const satisfies Record<string, keyof ServerConfig>;

function num(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
  return n;
}

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 8008,
    host: '0.0.0.0',
    dataDir: path.resolve('data'),
    staticDir: path.resolve('dist'),
    maxUploadBytes: 5 * GiB,
    maxRequestBytes: 128 * MiB,
    maxNameBytes: KiB,
    maxTags: 100,
    maxTagBytes: 256,
    maxTextBytes: 64 * KiB,
    maxValueBytes: MiB,
    maxIds: 10_000,
    maxJsonDepth: 64,
    defaultPageSize: 500,
    maxPageSize: 10_000,
    nonResponsiveThresholdSec: 7200,
    watchIntervalSec: 900,
    workerTimeoutSec: 600,
    quiet: false,
    ...overrides,
  };
}

/** Reads options from the command line, then TASKDECK_* variables, then defaults. */
export function configFromArgs(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'max-upload-bytes': { type: 'string' },
      ...Object.fromEntries(Object.keys(LIMIT_FLAGS).map((f) => [f, { type: 'string' as const }])),
      'non-responsive-threshold-sec': { type: 'string' },
      'watch-interval-sec': { type: 'string' },
      'worker-timeout-sec': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const d = defaultConfig();
  const limits: Partial<ServerConfig> = {};
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const env_ = env[`TASKDECK_${flag.toUpperCase().replace(/-/g, '_')}`];
    limits[key] = num((values as Record<string, string | undefined>)[flag] ?? env_, d[key], flag);
  }
  return {
    ...d,
    ...limits,
    port: num(values.port ?? env.TASKDECK_PORT, d.port, 'port'),
    host: values.host ?? env.TASKDECK_HOST ?? d.host,
    dataDir: path.resolve(values.data ?? env.TASKDECK_DATA ?? d.dataDir),
    staticDir: path.resolve(env.TASKDECK_STATIC ?? d.staticDir),
    maxUploadBytes: num(values['max-upload-bytes'] ?? env.TASKDECK_MAX_UPLOAD_BYTES, d.maxUploadBytes, 'max upload bytes'),
    nonResponsiveThresholdSec: num(
      values['non-responsive-threshold-sec'] ?? env.TASKDECK_NON_RESPONSIVE_THRESHOLD_SEC,
      d.nonResponsiveThresholdSec,
      'non-responsive threshold',
    ),
    watchIntervalSec: num(values['watch-interval-sec'] ?? env.TASKDECK_WATCH_INTERVAL_SEC, d.watchIntervalSec, 'watch interval'),
    workerTimeoutSec: num(values['worker-timeout-sec'] ?? env.TASKDECK_WORKER_TIMEOUT_SEC, d.workerTimeoutSec, 'worker timeout'),
    initialAccessKey: env.TASKDECK_ACCESS_KEY || undefined,
    initialSecretKey: env.TASKDECK_SECRET_KEY || undefined,
    quiet: values.quiet ?? env.TASKDECK_QUIET === '1',
  };
}
