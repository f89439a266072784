import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for';
import { startTestServer, type TestServer } from './testing/server';
import { abortNonResponsive } from './watchdog';

let srv: TestServer;
let watched: TestServer;
beforeAll(async () => {
  // The background watchdog of `srv` never fires during the test; `abortNonResponsive` is given its `now`.
  srv = await startTestServer({ nonResponsiveThresholdSec: 3600, watchIntervalSec: 3600 });
  watched = await startTestServer({ nonResponsiveThresholdSec: 1, watchIntervalSec: 0.2 });
});
afterAll(async () => {
  await srv?.stop();
  await watched?.stop();
});

const get = async (s: TestServer, id: string) => (await s.client.call('tasks.get_by_id', { task: id })).task;
const create = async (s: TestServer, name: string) => (await s.client.call('tasks.create', { name, type: 'training' })).id;

it('aborts running tasks silent past the threshold, and leaves recently heard ones and drafts alone', async () => {
  const silent = await create(srv, 'silent');
  const alive = await create(srv, 'alive');
  const draft = await create(srv, 'draft');
  await srv.client.call('tasks.started', { task: silent });
  await srv.client.call('tasks.started', { task: alive });
  const silentAt = Date.parse((await get(srv, silent)).last_update);
  // An event counts as a sign of life: it moves the task's last_update past the silent one's.
  const aliveAt = await waitFor(
    async () => {
      await srv.client.call('events.add_batch', [{ type: 'log', task: alive, msg: 'tick' }]);
      const at = Date.parse((await get(srv, alive)).last_update);
      return at - silentAt >= 2 && at;
    },
    { message: 'the log event to update the running task' },
  );
  const thresholdSec = 10;
  // One millisecond short of the threshold for the live task: only the silent one is past it.
  const now = aliveAt + thresholdSec * 1000 - 1;
  expect(await abortNonResponsive(srv.store, thresholdSec, now)).toEqual([silent]);
  const s = await get(srv, silent);
  expect(s.status).toBe('stopped');
  expect(s.status_reason).toMatch(/non-responsive.*10 seconds/);
  expect((await get(srv, alive)).status).toBe('in_progress');
  expect((await get(srv, draft)).status).toBe('created');

  // A ping is a sign of life too.
  await srv.client.call('tasks.ping', { task: alive });
  const pingedAt = Date.parse((await get(srv, alive)).last_update);
  expect(await abortNonResponsive(srv.store, thresholdSec, pingedAt + thresholdSec * 1000 - 1)).toEqual([]);
  expect(await abortNonResponsive(srv.store, thresholdSec, pingedAt + thresholdSec * 1000 + 1)).toEqual([alive]);
});

it('runs in the background at the configured interval', async () => {
  const id = await create(watched, 'forgotten');
  await watched.client.call('tasks.started', { task: id });
  const t = await waitFor(
    async () => {
      const t = await get(watched, id);
      return t.status === 'stopped' && t;
    },
    {
      message: 'the background watchdog (threshold 1 s, every 0.2 s) to abort the silent task',
    },
  );
  expect(t.status_reason).toMatch(/non-responsive.*1 seconds/);
});
