import { clearmlConf } from '../shared/clearml-conf';
import { AGENT_USAGE, agentCommand } from './agent';
import { USERS_USAGE, usersCommand } from './users';

const [command, ...rest] = process.argv.slice(2);

async function credentials() {
  // The server's modules load only for commands that use them.
  const { createCredentials } = await import('../server/auth');
  const { configFromArgs } = await import('../server/config');
  const { openCommandStore } = await import('./command-store');
  const config = configFromArgs(rest, process.env);
  // No --create: a new store has no admin to make credentials for until the server's first start.
  const store = await openCommandStore(config);
  const c = await createCredentials(store);
  await store.close();
  const base = `http://localhost:${config.port}`;
  const { redactUrl } = await import('../server/store/open');
  const where = config.databaseUrl ? `database ${redactUrl(config.databaseUrl)}` : `data folder ${config.dataDir}`;
  console.log(`New credentials (${where}):\n\n${clearmlConf(base, c)}\n`);
}

async function migrateDbCommand() {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) throw new Error(MIGRATE_DB_USAGE);
  const { migrateDb } = await import('../server/store/migrate-db');
  const { redactUrl } = await import('../server/store/open');
  console.log(`Copying the store in ${values.from} to ${redactUrl(values.to)}`);
  const { counts, skipped } = await migrateDb(values.from, values.to, (table, done, total) => {
    if (done === total || done % 10_000 === 0) console.log(`  ${table}: ${done} / ${total}`);
  });
  const bad = counts.filter((c) => c.source !== c.target);
  for (const c of counts) console.log(`  verified ${c.table}: ${c.target} rows (source ${c.source})`);
  for (const s of skipped) if (s.rows) console.log(`  not copied (not stored on PostgreSQL yet): ${s.table}, ${s.rows} rows`);
  if (bad.length) throw new Error(`counts differ: ${bad.map((c) => c.table).join(', ')}`);
  console.log('Done: every copied table has as many rows as its source.');
}

const MIGRATE_DB_USAGE =
  'Usage: taskdeck migrate-db --from <sqlite data folder> --to postgres://user@host/db (an empty database)';

const CREDENTIALS_USAGE =
  'Usage: taskdeck credentials [--data DIR | --database postgres://...] [--port N]\n\n' +
  '  a new access/secret key pair for the first admin, printed once as a clearml.conf whose api_server is\n' +
  '  http://localhost:<--port> (8008 unless given: the port the server listens on). A data folder holding no\n' +
  '  Taskdeck data is refused';

const USAGE: Record<string, string> = {
  credentials: CREDENTIALS_USAGE,
  users: USERS_USAGE,
  agent: AGENT_USAGE,
  'migrate-db': MIGRATE_DB_USAGE,
};

const ALL_USAGE =
  `Usage: taskdeck <command>\n\nCommands:\n  credentials   create another access/secret key pair (for the first admin)\n` +
  `  users         add, list, change role, disable, reset password\n  agent         run queued tasks\n` +
  `  migrate-db    copy a SQLite data folder into PostgreSQL\n  help          this text\n\n${Object.values(USAGE).join('\n\n')}`;

const commands: Record<string, () => Promise<void>> = {
  credentials,
  'migrate-db': migrateDbCommand,
  agent: () => agentCommand(rest),
  users: () => usersCommand(rest),
};

// Asked for: the usage on stdout, and success. A command's own --help: its usage alone.
if (command === 'help' || command === '--help' || command === '-h') {
  console.log(ALL_USAGE);
  process.exit(0);
}
if (command && USAGE[command] && (rest.includes('--help') || rest.includes('-h'))) {
  console.log(USAGE[command]);
  process.exit(0);
}
const run = commands[command ?? ''];
if (!run) {
  console.error(`${command ? `taskdeck: unknown command '${command}'\n\n` : ''}${ALL_USAGE}`);
  process.exit(2);
}
try {
  await run();
} catch (e) {
  console.error(`taskdeck ${command}: ${(e as Error).message}`);
  process.exit(1);
}
