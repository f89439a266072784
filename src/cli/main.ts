import { clearmlConf } from '../shared/clearml-conf';
import { AGENT_USAGE, agentCommand } from './agent';
import { USERS_USAGE, usersCommand } from './users';

const [command, ...rest] = process.argv.slice(2);

async function credentials() {
  // The server's modules load only for commands that use them.
  const { createCredentials } = await import('../server/auth');
  const { configFromArgs } = await import('../server/config');
  const { openSqliteStore } = await import('../server/store/sqlite');
  const config = configFromArgs(rest, process.env);
  const store = openSqliteStore(config.dataDir);
  const c = await createCredentials(store);
  await store.close();
  const base = `http://localhost:${config.port}`;
  console.log(`New credentials (data folder ${config.dataDir}):\n\n${clearmlConf(base, c)}\n`);
}

const commands: Record<string, () => Promise<void>> = {
  credentials,
  agent: () => agentCommand(rest),
  users: () => usersCommand(rest),
};

const run = commands[command ?? ''];
if (!run) {
  console.error(
    `Usage: taskdeck <command>\n\nCommands:\n  credentials   create another access/secret key pair (for the first admin)\n` +
      `  users         add, list, change role, disable, reset password\n  agent         run queued tasks\n\n${USERS_USAGE}\n\n${AGENT_USAGE}`,
  );
  process.exit(2);
}
try {
  await run();
} catch (e) {
  console.error(`taskdeck ${command}: ${(e as Error).message}`);
  process.exit(1);
}
