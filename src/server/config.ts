import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
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
  /** Login and password of the first admin (an empty store only); else `admin` and a random password. */
  initialAdminLogin?: string;
  initialAdminPassword?: string;
  /** Print the first credentials and clearml.conf at start (off in tests). */
  quiet: boolean;
}

const GiB = 1024 ** 3;

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
    maxRequestBytes: 128 * 1024 * 1024,
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
      'non-responsive-threshold-sec': { type: 'string' },
      'watch-interval-sec': { type: 'string' },
      'worker-timeout-sec': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const d = defaultConfig();
  return {
    ...d,
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
    initialAdminLogin: env.TASKDECK_ADMIN_USER || undefined,
    initialAdminPassword: env.TASKDECK_ADMIN_PASSWORD || undefined,
    quiet: values.quiet ?? env.TASKDECK_QUIET === '1',
  };
}
