import { startServer } from './app';
import { ConfigError, configFromArgs, type ServerConfig } from './config';
import { exitOnSignals } from './shutdown';

let config: ServerConfig;
try {
  config = configFromArgs(process.argv.slice(2), process.env);
} catch (e) {
  if (!(e instanceof ConfigError) && !(e instanceof TypeError)) throw e;
  process.stderr.write(`taskdeck: ${(e as Error).message}\n`);
  process.exit(2);
}
const server = await startServer(config);
server.log.info({ url: server.url, data: config.dataDir }, `Taskdeck is serving on ${server.url} (data in ${config.dataDir})`);
server.log.info(`API: ${server.url}/api   files: ${server.url}/files   dashboard: ${server.url}/`);
exitOnSignals(() => server.shutdown(config.shutdownGraceSec * 1000), config.shutdownGraceSec, server.log);
