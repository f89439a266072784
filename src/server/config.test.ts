import path from 'node:path';
import { expect, it } from 'vitest';
import { ConfigError, configFromArgs } from './config';

it('keeps the defaults when nothing is given', () => {
  const c = configFromArgs([], {});
  expect(c).toMatchObject({
    port: 8008,
    host: '0.0.0.0',
    nonResponsiveThresholdSec: 7200,
    watchIntervalSec: 900,
    workerTimeoutSec: 600,
  });
  expect(c).toMatchObject({ maxUploadBytes: 5 * 1024 ** 3, shutdownGraceSec: 10, logLevel: 'info', quiet: false });
  expect(c.dataDir).toBe(path.resolve('data'));
});

it('reads every flag, and the variables where no flag is given', () => {
  const c = configFromArgs(
    [
      '--port',
      '9000',
      '--data',
      '/tmp/td',
      '--max-upload-bytes',
      '1024',
      '--non-responsive-threshold-sec',
      '60',
      '--log-level',
      'debug',
      '--quiet',
    ],
    {
      TASKDECK_PORT: '1',
      TASKDECK_HOST: '127.0.0.1',
      TASKDECK_STATIC: '/srv/dist',
      TASKDECK_WATCH_INTERVAL_SEC: '0.5',
      TASKDECK_WORKER_TIMEOUT_SEC: '30',
      TASKDECK_SHUTDOWN_GRACE_SEC: '3',
      TASKDECK_ACCESS_KEY: 'AK',
      TASKDECK_SECRET_KEY: 'SK',
    },
  );
  expect(c).toMatchObject({
    port: 9000,
    host: '127.0.0.1',
    dataDir: '/tmp/td',
    staticDir: '/srv/dist',
    maxUploadBytes: 1024,
    nonResponsiveThresholdSec: 60,
    watchIntervalSec: 0.5,
    workerTimeoutSec: 30,
    shutdownGraceSec: 3,
    logLevel: 'debug',
    initialAccessKey: 'AK',
    initialSecretKey: 'SK',
    quiet: true,
  });
  expect(configFromArgs([], { TASKDECK_LOG_LEVEL: 'warn', TASKDECK_QUIET: '1', TASKDECK_PORT: '' })).toMatchObject({
    logLevel: 'warn',
    quiet: true,
    port: 8008,
  });
});

it('names the flag or variable and the bad value', () => {
  const bad = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    try {
      configFromArgs(argv, env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  expect(bad(['--port', 'eighty'])).toBe('Invalid --port: "eighty" (expected a number)');
  expect(bad(['--port', '70000'])).toBe('Invalid --port: "70000" (expected at most 65535)');
  expect(bad([], { TASKDECK_WORKER_TIMEOUT_SEC: '-5' })).toBe('Invalid TASKDECK_WORKER_TIMEOUT_SEC: "-5" (expected a number)');
  expect(bad(['--log-level', 'loud'])).toMatch(
    /^Invalid --log-level: "loud" \(expected one of fatal, error, warn, info, debug, trace, silent\)$/,
  );
  expect(bad([], { TASKDECK_QUIET: 'maybe' })).toMatch(/^Invalid TASKDECK_QUIET: "maybe"/);
  expect(bad(['--max-upload-bytes', '1e3'])).toBe('Invalid --max-upload-bytes: "1e3" (expected a number)');
  // The flag wins over the variable, and the error names the flag.
  expect(bad(['--data', ' '], { TASKDECK_DATA: '/ok' })).toMatch(/^Invalid --data: " "/);
});

it('refuses an unknown flag', () => {
  expect(() => configFromArgs(['--prot', '1'], {})).toThrow(/Unknown option '--prot'/);
});

it('takes a files folder apart from the data folder, by flag or variable', () => {
  expect(configFromArgs([], {}).filesDir).toBeUndefined();
  expect(configFromArgs(['--files-dir', '/srv/shared-files'], { TASKDECK_FILES_DIR: '/elsewhere' }).filesDir).toBe(
    '/srv/shared-files',
  );
  expect(configFromArgs([], { TASKDECK_FILES_DIR: 'rel/files' }).filesDir).toBe(path.resolve('rel/files'));
  expect(() => configFromArgs(['--files-dir', ' '], {})).toThrow(/--files-dir/);
});

it('takes the trusted proxies as a list of addresses, by flag or variable, and refuses anything else', () => {
  expect(configFromArgs([], {}).trustedProxies).toEqual([]);
  expect(configFromArgs(['--trusted-proxy', '10.0.0.5, ::1'], {}).trustedProxies).toEqual(['10.0.0.5', '::1']);
  expect(configFromArgs([], { TASKDECK_TRUSTED_PROXIES: '192.168.1.2' }).trustedProxies).toEqual(['192.168.1.2']);
  expect(() => configFromArgs(['--trusted-proxy', '10.0.0.5,proxy.local'], {})).toThrow(
    /^Invalid --trusted-proxy: "10.0.0.5,proxy.local" \(expected IP addresses, separated by commas\)$/,
  );
});
