import { clearmlConf, createCredentials } from '../server/auth';
import { configFromArgs } from '../server/config';
import { openSqliteStore } from '../server/store/sqlite';

const [command, ...rest] = process.argv.slice(2);

async function credentials() {
  const config = configFromArgs(rest, process.env);
  const store = openSqliteStore(config.dataDir);
  const c = await createCredentials(store);
  await store.close();
  const base = `http://localhost:${config.port}`;
  console.log(`New credentials (data folder ${config.dataDir}):\n\n${clearmlConf(base, c)}\n`);
}

const commands: Record<string, () => Promise<void>> = { credentials };

const run = commands[command ?? ''];
if (!run) {
  console.error(`Usage: taskdeck <command>\n\nCommands:\n  credentials   create another access/secret key pair`);
  process.exit(2);
}
await run();
