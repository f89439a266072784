import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearmlConf } from '../shared/clearml-conf';
import { accountEndpoints } from './accounts/endpoints';
import { preferencesEndpoints } from './accounts/preferences';
import { ensureFirstAdmin, type FirstAdmin } from './accounts/users';
import { authEndpoints, createCredentials, signingKey, type NewCredentials } from './auth';
import type { ServerConfig } from './config';
import { eventEndpoints } from './events';
import { consoleEndpoints } from './events/console';
import { multiTaskEndpoints } from './events/multi-task';
import { sampleEndpoints } from './events/samples';
import { moreEventEndpoints } from './events/add-vectors-plots';
import { taskEventEndpoints } from './events/task-events';
import { createApiHandler } from './http/api';
import type { Endpoint } from './http/endpoint';
import { sendJson } from './http/envelope';
import { setSecurityHeaders } from './http/security-headers';
import { handleFiles } from './files/store';
import { modelEndpoints } from './models';
import { modelBulkEndpoints } from './models/bulk';
import { modelMetadataEndpoints } from './models/metadata';
import { projectEndpoints } from './projects';
import { columnEndpoints } from './projects/columns';
import { tagEndpoints } from './projects/tags';
import { parentEndpoints } from './projects/parents';
import { moveEndpoints } from './projects/move';
import { deleteEndpoints } from './projects/delete';
import { mergeEndpoints } from './projects/merge';
import { paramValueEndpoints } from './projects/param-values';
import { validateDeleteEndpoints } from './projects/validate-delete';
import { userNameEndpoints } from './projects/in-use';
import { typeEndpoints } from './tasks/types';
import { queueMetadataEndpoints } from './queues/metadata';
import { pipelineEndpoints } from './pipelines/start';
import { ensureDefaultQueue } from './queues/entries';
import { queueEndpoints } from './queues';
import { createStaticHandler } from './static';
import { loginLimiter } from './accounts/rate-limit';
import { shareThroughChannel, type SharedPublisher } from './live/shared';
import { lockDataDir, prepareDataDir, prepareFilesDir, StartupError } from './startup';
import { ReaderPool } from './readers/pool';
import { isPostgresUrl, openStore, redactUrl } from './store/open';
import { ExclusiveTimeoutError, type Store } from './store/store';
import { editEndpoints } from './tasks/edit';
import { updateBatchEndpoints } from './tasks/update-batch';
import { lifecycleEndpoints } from './tasks/lifecycle';
import { queryEndpoints } from './tasks/query';
import { startWatchdog } from './watchdog';
import { createLogger, logRequest, requestName, type Logger } from './log';
import { InFlightRequests } from './observe/in-flight';
import { ServerMetrics } from './observe/metrics';
import { serveMetrics } from './observe/metrics-route';
import { startStallMonitor } from './observe/stall-monitor';
import { drainHttpServer } from './shutdown';
import { createRuntime, type ServerRuntime } from './runtime';
import { ParsePool } from './events/parse-pool';
import { IngestBacklog } from './events/ingest-backlog';
import { ThreadWriter } from './events/thread-writer';
import { BodyPool } from './http/body-pool';
import { createLiveStreams, DEFAULT_LIVE_OPTIONS, LIVE_STREAM_PATH, type LiveStreams } from './live/stream';
import { queueOrderEndpoints } from './queues/order';
import { workerEndpoints } from './workers';
import { workerStatsEndpoints } from './workers/stats-endpoints';
import { STATS_EXPIRE_BATCH, STATS_KEEP_MS } from './workers/stats';

export const ENDPOINTS: Endpoint[] = [
  ...authEndpoints,
  ...accountEndpoints,
  ...preferencesEndpoints,
  ...projectEndpoints,
  ...columnEndpoints,
  ...tagEndpoints,
  ...parentEndpoints,
  ...moveEndpoints,
  ...deleteEndpoints,
  ...mergeEndpoints,
  ...paramValueEndpoints,
  ...validateDeleteEndpoints,
  ...userNameEndpoints,
  ...typeEndpoints,
  ...queueMetadataEndpoints,
  ...pipelineEndpoints,
  ...queryEndpoints,
  ...editEndpoints,
  ...updateBatchEndpoints,
  ...lifecycleEndpoints,
  ...modelEndpoints,
  ...modelMetadataEndpoints,
  ...modelBulkEndpoints,
  ...eventEndpoints,
  ...consoleEndpoints,
  ...taskEventEndpoints,
  ...sampleEndpoints,
  ...multiTaskEndpoints,
  ...moreEventEndpoints,
  ...queueEndpoints,
  ...queueOrderEndpoints,
  ...workerEndpoints,
  ...workerStatsEndpoints,
];

/** How often every queue's length and waiting time are sampled for queues.get_queue_metrics. */
const QUEUE_SAMPLE_MS = 30_000;

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  config: ServerConfig;
  /** The key pair created at this start (only when the store had none). */
  firstCredentials?: NewCredentials;
  /** The admin created at this start (only on an empty store); `password` only when made up here. */
  firstAdmin?: FirstAdmin;
  log: Logger;
  /** In-memory state (tests switch its reader pool off to compare with the inline path). */
  runtime: ServerRuntime;
  /** The dashboards' open live streams (tests drop them). */
  liveStreams: LiveStreams;
  /** Closes at once, cutting requests in flight (tests). */
  close(): Promise<void>;
  /** Stops accepting, lets requests in flight finish within `graceMs` (then cuts them), and closes the store. */
  shutdown(graceMs: number): Promise<{ forced: boolean }>;
}

/** Opens the store, prepares first-start data, and listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  prepareDataDir(config.dataDir);
  if (config.filesDir) prepareFilesDir(config.filesDir);
  const unlock = lockDataDir(config.dataDir);
  // SQLite: the server's connection and the event writer thread's take turns at the write lock through this.
  const writeTurns = new SharedArrayBuffer(8);
  let store: Store;
  try {
    store = await openStore({ ...config, writeTurns });
  } catch (e) {
    unlock();
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `in ${config.dataDir}`;
    throw new StartupError(`Cannot open the database ${where}: ${(e as Error).message}`);
  }
  let firstCredentials: NewCredentials | undefined;
  let firstAdmin: FirstAdmin | undefined;
  // Servers starting together on one empty database take turns: the first creates, the others find.
  try {
    await store.exclusive(
      'first-start',
      async () => {
        firstAdmin = await ensureFirstAdmin(store, { login: config.initialAdminLogin, password: config.initialAdminPassword });
        if ((await store.auth.countCredentials()) === 0) {
          firstCredentials = await createCredentials(
            store,
            {
              accessKey: config.initialAccessKey,
              secretKey: config.initialSecretKey,
            },
            { label: 'first key pair' },
          );
        }
        const userId = (await store.auth.getSetting('default_user'))!;
        const user = (await store.auth.getUser(userId))!;
        await ensureDefaultQueue(store, { user: user.id, userName: user.name, company: user.company });
        await signingKey(store);
      },
      { wait: true },
    );
  } catch (e) {
    if (!(e instanceof ExclusiveTimeoutError)) throw e;
    unlock();
    await store.close();
    throw new StartupError(`Cannot start: ${e.message}`);
  }

  const runtime = createRuntime(store, config);
  // Servers sharing a database tell one another what changed, for the dashboards streaming from each.
  let shared: SharedPublisher | undefined;
  if (store.channel) {
    try {
      shared = await shareThroughChannel(runtime.live, store.channel, (e) => log.warn({ err: e }, 'live channel failed'));
    } catch (e) {
      await store.close();
      unlock();
      throw new StartupError(`Cannot listen for changes on the database: ${(e as Error).message}`);
    }
    runtime.live = shared;
  }
  const inFlight = new InFlightRequests();
  const stallMonitor = startStallMonitor(log, inFlight, { thresholdMs: config.stallThresholdMs });
  const metrics = new ServerMetrics(config.dataDir, inFlight, stallMonitor, runtime.ingestGate);
  runtime.metrics = metrics;
  const readers =
    config.readerThreads > 0
      ? new ReaderPool({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }, config.readerThreads)
      : undefined;
  runtime.readers = readers;
  if (readers) metrics.watchReaders(readers);
  if (config.writerThread && !isPostgresUrl(config.databaseUrl)) {
    runtime.ingestWriter = new ThreadWriter({ dataDir: config.dataDir, writeTurns });
    if (config.ingestAck === 'queued') {
      runtime.ingestBacklog = new IngestBacklog((events, why) => {
        metrics.ingestLostEvents.inc(events);
        log.error(
          { err: why instanceof Error ? why : undefined, why: why instanceof Error ? undefined : why, events },
          'events answered as added were not stored',
        );
      });
    }
  }
  const parsePool = (runtime.parsePool = new ParsePool(config, config.parseThreads));
  // Threads start on the first big body: a server that gets none runs none.
  const bodyPool = (runtime.bodyPool = new BodyPool(config, config.parseThreads));
  const api = createApiHandler(store, config, ENDPOINTS, runtime);
  const serveStatic = createStaticHandler(config.staticDir);
  const liveStreams = createLiveStreams(store, runtime.live, { ...DEFAULT_LIVE_OPTIONS, trustedProxies: config.trustedProxies });
  const known = new Set(ENDPOINTS.map((e) => e.name));
  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const route = (prefix: string) => p === prefix || p.startsWith(prefix + '/');
    if (p === '/api' + LIVE_STREAM_PATH) {
      // Open for as long as the page is: not a request in flight for the stall report or the latency metrics.
      logRequest(log, req, res, 'api');
      liveStreams.handle(req, res).catch((e) => {
        log.error({ err: e }, 'live stream failed');
        if (!res.headersSent) sendJson(res, 500, { meta: { result_code: 500, result_msg: 'Internal error' }, data: {} });
      });
      return;
    }
    const kind = route('/api') ? 'api' : route('/files') ? 'files' : p === '/metrics' ? 'metrics' : 'static';
    inFlight.track(req, res, () => requestName(req));
    const started = performance.now();
    res.once('close', () => {
      const name = requestName(req);
      const label = kind === 'api' ? (known.has(name) ? name : 'unknown') : kind;
      metrics.observe(label, res.writableFinished ? res.statusCode : 'aborted', performance.now() - started);
    });
    let work: Promise<void> | void;
    if (kind === 'metrics') {
      logRequest(log, req, res, 'api');
      // What batches answered once queued will add is counted once they are stored: wait for them, as API reads do.
      work = Promise.resolve(runtime.ingestBacklog?.caughtUp()).then(() => serveMetrics(req, res, store, config, metrics));
    } else if (kind === 'api') {
      logRequest(log, req, res, 'api');
      work = api(req, res, p.slice(4) || '/', url);
    } else if (kind === 'files') {
      logRequest(log, req, res, 'files');
      work = handleFiles(req, res, store, config, (req.url ?? '/').split('?')[0].slice(6));
    } else {
      logRequest(log, req, res, 'static');
      work = serveStatic(req, res);
    }
    Promise.resolve(work).catch((e) => {
      log.error({ err: e, url: (req.url ?? '').slice(0, 200) }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { meta: { result_code: 500, result_msg: 'Internal error' }, data: {} });
    });
  });
  // Keep-alive would let the SDK's forked reporter share a socket with its parent.
  server.keepAliveTimeout = 1;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      unlock();
      void Promise.all([shared?.close(), parsePool.close(), bodyPool.close(), runtime.ingestWriter.close()]).finally(() =>
        store.close(),
      );
      reject(
        e.code === 'EADDRINUSE' || e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES'
          ? new StartupError(`Cannot listen on ${config.host}:${config.port} (${e.code}): choose another --port or --host`)
          : e,
      );
    });
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const stopWatchdog = startWatchdog(store, config.nonResponsiveThresholdSec, config.watchIntervalSec, log, runtime.live);
  // One server samples at a time (the samples are shared), and drops those older than a day, old workers' statistics
  // and old failed sign-ins.
  const sampler = setInterval(() => {
    store
      .exclusive('queue-sampler', async () => {
        await runtime.queueMetrics.record(await store.queues.list());
        await runtime.queueMetrics.expire();
        await store.workerStats.deleteOlder(Date.now() - STATS_KEEP_MS, STATS_EXPIRE_BATCH);
        await loginLimiter(store).expire();
      })
      .catch((e: unknown) => log.warn({ err: e }, 'queue sampling failed'));
  }, QUEUE_SAMPLE_MS);
  sampler.unref();
  const url = `http://localhost:${port}`;
  if (firstAdmin && !config.quiet) {
    const password = firstAdmin.password ? `password ${firstAdmin.password}` : 'the password from TASKDECK_ADMIN_PASSWORD';
    log.info(`First start: created the admin user "${firstAdmin.login}" with ${password} (sign in at ${url}).`);
  }
  if (firstCredentials && !config.quiet) {
    log.info(
      `First start: created credentials for the admin. Put this in ~/clearml.conf:\n\n${clearmlConf(url, firstCredentials)}\n`,
    );
  }
  return {
    url,
    port,
    store,
    config,
    runtime,
    liveStreams,
    firstCredentials,
    firstAdmin,
    log,
    async close() {
      liveStreams.closeAll();
      stallMonitor.stop();
      stopWatchdog();
      clearInterval(sampler);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await shared?.close();
      await parsePool.close();
      await bodyPool.close();
      // Batches already handed to the writer are committed before the store closes.
      await runtime.ingestWriter.close();
      await readers?.close();
      await store.close();
      unlock();
    },
    async shutdown(graceMs) {
      liveStreams.closeAll();
      stallMonitor.stop();
      stopWatchdog();
      clearInterval(sampler);
      const r = await drainHttpServer(server, graceMs);
      await shared?.close();
      await parsePool.close();
      await bodyPool.close();
      // Batches already handed to the writer are committed before the store closes.
      await runtime.ingestWriter.close();
      await readers?.close();
      await store.close();
      unlock();
      return r;
    },
  };
}
