/** Polling backs off while the live stream is up and returns when it drops; changes make the right queries stale. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
// react-query runs no interval timers where there is no `window` (server rendering); this is the browser's part.
vi.hoisted(() => Object.assign(globalThis, { window: globalThis }));
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { BACKED_OFF_MS, installLivePolling, setLiveStreamUp, staleFor } from './live';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  setLiveStreamUp(false);
  vi.useRealTimers();
});

function observe(qc: QueryClient, refetchInterval: number | ((q: unknown) => number | false)) {
  let fetches = 0;
  const obs = new QueryObserver(qc, {
    queryKey: ['task', 'abc'],
    queryFn: async () => ++fetches,
    refetchInterval: refetchInterval as number,
    refetchIntervalInBackground: true,
  });
  const unsubscribe = obs.subscribe(() => undefined);
  return { fetches: () => fetches, unsubscribe };
}

it('polls at the feature’s own rate while the stream is down', async () => {
  const qc = new QueryClient();
  installLivePolling(qc);
  const o = observe(qc, 5000);
  await vi.advanceTimersByTimeAsync(0);
  expect(o.fetches()).toBe(1);
  await vi.advanceTimersByTimeAsync(15_000);
  expect(o.fetches()).toBe(4);
  o.unsubscribe();
});

it('backs off to 30 s while the stream is up, and returns to 5 s once it drops and the queries refetch', async () => {
  const qc = new QueryClient();
  installLivePolling(qc);
  setLiveStreamUp(true);
  const o = observe(qc, () => 5000);
  await vi.advanceTimersByTimeAsync(0);
  expect(o.fetches()).toBe(1);
  await vi.advanceTimersByTimeAsync(BACKED_OFF_MS - 1000);
  expect(o.fetches()).toBe(1);
  await vi.advanceTimersByTimeAsync(1000);
  expect(o.fetches()).toBe(2);
  setLiveStreamUp(false);
  await qc.invalidateQueries();
  expect(o.fetches()).toBe(3);
  await vi.advanceTimersByTimeAsync(10_000);
  expect(o.fetches()).toBe(5);
  o.unsubscribe();
});

it('a console line makes only that task’s console stale; a new task makes the table stale', () => {
  const qc = new QueryClient();
  const q = (key: unknown[], data?: unknown) => {
    qc.setQueryData(key, data ?? 1);
    return qc.getQueryCache().find({ queryKey: key, exact: true })!;
  };
  const log = q(['log-lines', 'aaa', 0]);
  const otherLog = q(['log-lines', 'bbb', 0]);
  const scalars = q(['scalars', 'aaa', 'iter', 'loss']);
  const page = q(['tasks-page', {}, ['name'], 0], [{ id: 'aaa' }, { id: 'ccc' }]);
  const lineOfA = staleFor([{ kind: 'log', id: 'aaa' }], true);
  expect([log, otherLog, scalars, page].map(lineOfA)).toEqual([true, false, false, false]);
  const scalarsOfA = staleFor([{ kind: 'scalars', id: 'aaa' }], true);
  expect([log, otherLog, scalars, page].map(scalarsOfA)).toEqual([false, false, true, true]);
  const newTask = staleFor([{ kind: 'tasks' }], false);
  expect([log, otherLog, scalars, page].map(newTask)).toEqual([false, false, false, true]);
});
