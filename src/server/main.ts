import { startServer } from './app';
import { configFromArgs } from './config';

const config = configFromArgs(process.argv.slice(2), process.env);
const server = await startServer(config);
console.log(`Taskdeck is serving on ${server.url} (data in ${config.dataDir})`);
console.log(`  API: ${server.url}/api   files: ${server.url}/files   dashboard: ${server.url}/`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close().then(() => process.exit(0));
  });
}
