/** `taskdeck agent --queue default [--queue other] [--api URL] [--workdir DIR] [--max-tasks N]` */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, AGENT_DEFAULTS } from '../agent/agent';
import { resolveConnection } from '../client/connection';

export const AGENT_USAGE = `Usage: taskdeck agent [--queue NAME|ID ...] [options]

Serves queues: takes the next Pending task (first queue first), runs it, records how it ends.

  --queue, -q NAME|ID       a queue to serve; repeat for more, highest priority first (default: the default queue)
  --api URL                 the server (default: CLEARML_API_HOST, ~/clearml.conf, http://localhost:8008)
  --workdir DIR             where tasks' code is checked out (default: ~/.taskdeck/agent)
  --max-tasks N             exit after N tasks (default: serve until SIGTERM)
  --worker-id ID            worker name (default: <hostname>:<pid>)
  --poll-sec S              wait between looks at empty queues (default 5)
  --install-requirements    install the task's npm or pip requirements before running it
Credentials: CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY, or ~/clearml.conf (CLEARML_CONFIG_FILE).`;

export async function agentCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      queue: { type: 'string', short: 'q', multiple: true },
      api: { type: 'string' },
      workdir: { type: 'string' },
      'max-tasks': { type: 'string' },
      'worker-id': { type: 'string' },
      'poll-sec': { type: 'string' },
      'status-sec': { type: 'string' },
      'report-sec': { type: 'string' },
      'install-requirements': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(AGENT_USAGE);
    return;
  }
  const seconds = (v: string | undefined, fallbackMs: number, name: string) => {
    if (v === undefined) return fallbackMs;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number of seconds, got "${v}"`);
    return n * 1000;
  };
  const maxTasks = values['max-tasks'] === undefined ? 0 : Number(values['max-tasks']);
  if (!Number.isInteger(maxTasks) || maxTasks < 0)
    throw new Error(`--max-tasks must be a whole number, got "${values['max-tasks']}"`);
  const agent = new Agent({
    ...AGENT_DEFAULTS,
    connection: resolveConnection({ api: values.api }),
    queues: values.queue ?? [],
    workdir: path.resolve(values.workdir ?? path.join(os.homedir(), '.taskdeck', 'agent')),
    workerId: values['worker-id'] ?? `${os.hostname()}:${process.pid}`,
    maxTasks,
    pollMs: seconds(values['poll-sec'], AGENT_DEFAULTS.pollMs, 'poll-sec'),
    statusMs: seconds(values['status-sec'], AGENT_DEFAULTS.statusMs, 'status-sec'),
    reportMs: seconds(values['report-sec'], AGENT_DEFAULTS.reportMs, 'report-sec'),
    installRequirements: values['install-requirements'] ?? false,
    log: (m) => console.log(`[agent ${new Date().toISOString()}] ${m}`),
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.log(`[agent] ${sig}: finishing up`);
      agent.stop();
    });
  }
  await agent.run();
}
