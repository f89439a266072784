import { startServer, type RunningServer } from './app';
import { configFromArgs, type ServerConfig } from './config';
import { letHeapGrow } from './heap-growth';
import { exitOnSignals } from './shutdown';
import { StartupError } from './startup';

/** A reason not to start is one line for a person (exit code 1), not a stack. */
function refuse(e: unknown): never {
  process.stderr.write(`taskdeck: ${(e as Error).message}\n`);
  process.exit(1);
}

letHeapGrow();
let config: ServerConfig;
let server: RunningServer;
try {
  config = configFromArgs(process.argv.slice(2), process.env);
} catch (e) {
  refuse(e);
}
try {
  server = await startServer(config);
} catch (e) {
  if (e instanceof StartupError) refuse(e);
  throw e;
}
// The first chart need not wait for a reader thread to load and open its store (~1 s of a first 10 x 1M
// histogram on a busy machine). Here, not in startServer: the tests' many servers mostly never read long.
server.runtime.readers?.warm();
// Before the line that says it is serving: a SIGTERM sent as soon as that line is read must find the handler.
exitOnSignals(() => server.shutdown(config.shutdownGraceSec * 1000), config.shutdownGraceSec, server.log);
server.log.info({ url: server.url, data: config.dataDir }, `Taskdeck is serving on ${server.url} (data in ${config.dataDir})`);
server.log.info(`API: ${server.url}/api   files: ${server.url}/files   dashboard: ${server.url}/`);
