import { startServer, type RunningServer } from './app';
import { configFromArgs, type ServerConfig } from './config';
import { StartupError } from './startup';

/** A reason not to start is one line for a person (exit code 1), not a stack. */
function refuse(e: unknown): never {
  console.error(`taskdeck: ${(e as Error).message}`);
  process.exit(1);
}

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
console.log(`Taskdeck is serving on ${server.url} (data in ${config.dataDir})`);
console.log(`  API: ${server.url}/api   files: ${server.url}/files   dashboard: ${server.url}/`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close().then(() => process.exit(0));
  });
}
