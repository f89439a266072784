/**
 * The environment the agent gives a Python script is enough to do what ClearML's Python SDK does
 * in remote mode (§6 of agent-protocol.md): log in with the keys from the environment, load the
 * task named by CLEARML_TASK_ID, mark it started, read its edited `Args`, report a scalar. The
 * `clearml` package cannot be installed here (no PyPI), so the script makes those calls itself,
 * with Python's standard library only; the config file the agent wrote is checked too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing/server';
import { startAgent } from './testing/processes';

const ATTACH = String.raw`
import base64, json, os, re, urllib.request

api = os.environ['CLEARML_API_HOST']
task_id = os.environ['CLEARML_TASK_ID']
conf = open(os.environ['CLEARML_CONFIG_FILE']).read()
assert re.search(r'api_server:\s*' + re.escape(api) + r'\s', conf), conf
assert os.environ['CLEARML_LOG_TASK_TO_BACKEND'] == '0'

# As the SDK sends them: GET with a JSON body, typed calls under /v2.x/, add_batch as JSON lines.
def call(endpoint, body, auth, method='GET', version='/v2.5', lines=False):
    data = '\n'.join(json.dumps(e) for e in body) if lines else json.dumps(body)
    ctype = 'application/json-lines' if lines else 'application/json'
    req = urllib.request.Request(api + version + '/' + endpoint, data=data.encode(), method=method,
                                 headers={'Authorization': auth, 'Content-Type': ctype})
    with urllib.request.urlopen(req) as res:
        return json.load(res)['data']

keys = os.environ['CLEARML_API_ACCESS_KEY'] + ':' + os.environ['CLEARML_API_SECRET_KEY']
token = call('auth.login', {}, 'Basic ' + base64.b64encode(keys.encode()).decode(), version='')['token']
bearer = 'Bearer ' + token
task = call('tasks.get_by_id', {'task': task_id}, bearer)['task']
call('tasks.started', {'task': task_id}, bearer)
lr = float(task['hyperparams']['Args']['lr']['value'])
added = call('events.add_batch', [{'type': 'training_stats_scalar', 'task': task_id, 'metric': 'lr', 'variant': 'value',
                                   'iter': 0, 'value': lr, 'timestamp': 0}], bearer, method='POST', version='', lines=True)
assert added['added'] == 1, added
print('attached to %s (%s) with lr=%s' % (task['name'], task['status'], lr))
`;

let srv: TestServer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-python-'));
beforeAll(async () => {
  srv = await startTestServer();
  fs.writeFileSync(path.join(dir, 'attach.py'), ATTACH);
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('gives a Python script what it needs to attach to its task and read its edited Args', async () => {
  const { id } = await srv.client.call('tasks.create', {
    name: 'python attach',
    type: 'training',
    script: { working_dir: dir, entry_point: 'attach.py', binary: 'python3' },
    hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.25', type: 'float' } } },
  });
  await srv.client.call('tasks.enqueue', { task: id });
  const agent = startAgent(srv, ['--max-tasks', '1']);
  expect(await agent.exited, agent.output()).toBe(0);

  const t = (await srv.client.call('tasks.get_by_id', { task: id })).task;
  expect(t.status, t.status_reason).toBe('completed');
  const log = await srv.client.call('events.get_task_log', { task: id, order: 'asc' });
  expect(log.events.map((e) => e.msg).join('\n')).toContain('attached to python attach (in_progress) with lr=0.25');
  const scalars = await srv.client.call('events.scalar_metrics_iter_histogram', {
    task: id,
  });
  expect(scalars.lr.value.y).toEqual([0.25]);
});
