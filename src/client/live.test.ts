/** Polling backs off while the live stream is up and returns when it drops; changes make the right queries stale. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
// react-query runs no interval timers where there is no `window` (server rendering); this is the browser's part.
vi.hoisted(() => Object.assign(globalThis, { window: globalThis }));
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import {
  BACKED_OFF_MS,
  connectLive,
  installLivePolling,
  liveStreamUp,
  refetchStale,
  retryDelay,
  RETRY_MAX_MS,
  RETRY_STABLE_MS,
  setLiveStreamUp,
  staleFor,
} from './live';

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

it('a change that comes while a console’s first fetch is in flight fetches it again once that fetch ends', async () => {
  const qc = new QueryClient();
  const answers: ((lines: string[]) => void)[] = [];
  const obs = new QueryObserver(qc, {
    queryKey: ['log-lines', 'aaa', 0],
    queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)),
  });
  const unsubscribe = obs.subscribe(() => undefined);
  try {
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toHaveLength(1);
    // The line is stored and announced after the first read was sent, which answers without it.
    refetchStale(qc, staleFor([{ kind: 'log', id: 'aaa' }], false));
    answers[0]([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(answers, 'a second read').toHaveLength(2);
    answers[1](['line 0']);
    await vi.advanceTimersByTimeAsync(0);
    expect(obs.getCurrentResult().data).toEqual(['line 0']);
    // A change to another task's console reads nothing again.
    refetchStale(qc, staleFor([{ kind: 'log', id: 'bbb' }], false));
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toHaveLength(2);
  } finally {
    unsubscribe();
  }
});

/** Stands in for the browser's EventSource: the test opens, drops and refuses each one by hand. */
class FakeSource {
  static made: FakeSource[] = [];
  static readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }
  addEventListener() {}
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  up() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 0;
    this.onerror?.();
  }
}

/** How long after the last attempt the next one comes (ms), the attempt failing each time. */
async function nextAttemptAfter(fail: () => void): Promise<number> {
  const before = FakeSource.made.length;
  fail();
  let waited = 0;
  while (FakeSource.made.length === before && waited < RETRY_MAX_MS * 2) {
    await vi.advanceTimersByTimeAsync(50);
    waited += 50;
  }
  expect(FakeSource.made.length, 'a new attempt').toBe(before + 1);
  return waited;
}

it('retryDelay doubles from 1 s to the 30 s cap, each wait shortened by up to a quarter at random, still longer than the last', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 40].map((n) => retryDelay(n, () => 1))).toEqual([
    1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
  ]);
  expect(retryDelay(0, () => 0)).toBe(750);
  for (let n = 0; n < 4; n++) expect(retryDelay(n + 1, () => 0)).toBeGreaterThan(retryDelay(n, () => 1));
});

it('a dropped stream is reopened after growing waits, polling meanwhile; a stream up for a while starts them over', async () => {
  vi.spyOn(Math, 'random').mockReturnValue(1);
  vi.stubGlobal('EventSource', FakeSource);
  FakeSource.made = [];
  const qc = new QueryClient();
  const stop = connectLive(qc, '/stream');
  try {
    expect(FakeSource.made).toHaveLength(1);
    FakeSource.made[0].up();
    expect(liveStreamUp()).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_STABLE_MS);
    const last = () => FakeSource.made.at(-1)!;
    // The drop: polling returns at once, the browser's own retry is stopped, and the waits grow.
    const waits = [await nextAttemptAfter(() => last().drop())];
    expect(liveStreamUp()).toBe(false);
    expect(FakeSource.made[0].closed).toBe(true);
    for (let i = 0; i < 5; i++) waits.push(await nextAttemptAfter(() => last().drop()));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
    // Up again only briefly: the next drop keeps the long wait (a flapping stream is not hammered).
    last().up();
    expect(liveStreamUp()).toBe(true);
    expect(await nextAttemptAfter(() => last().drop())).toBe(30_000);
    // Up for a while: the next drop is retried after a second again.
    last().up();
    await vi.advanceTimersByTimeAsync(RETRY_STABLE_MS);
    expect(await nextAttemptAfter(() => last().drop())).toBe(1000);
    // A refused stream (the browser closes it itself) is retried the same way.
    expect(
      await nextAttemptAfter(() => {
        last().readyState = FakeSource.CLOSED;
        last().onerror?.();
      }),
    ).toBe(2000);
  } finally {
    stop();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  }
  const made = FakeSource.made.length;
  await vi.advanceTimersByTimeAsync(RETRY_MAX_MS * 2);
  expect(FakeSource.made).toHaveLength(made);
});

it('a page shown again while the stream waits out its backoff retries at once and starts the waits over; hidden, it waits', async () => {
  vi.spyOn(Math, 'random').mockReturnValue(1);
  vi.stubGlobal('EventSource', FakeSource);
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible', documentElement: { dataset: {} } });
  vi.stubGlobal('document', doc);
  const show = (state: 'visible' | 'hidden') => {
    doc.visibilityState = state;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  FakeSource.made = [];
  const stop = connectLive(new QueryClient(), '/stream');
  try {
    const last = () => FakeSource.made.at(-1)!;
    last().up();
    // Shown while the stream is up: nothing to do.
    show('hidden');
    show('visible');
    expect(FakeSource.made).toHaveLength(1);
    expect(await nextAttemptAfter(() => last().drop())).toBe(1000);
    expect(await nextAttemptAfter(() => last().drop())).toBe(2000);
    // Down again, now waiting 4 s. The tab is hidden: it keeps waiting.
    show('hidden');
    last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSource.made).toHaveLength(3);
    // Shown: a new attempt at once, no timer run.
    show('visible');
    expect(FakeSource.made).toHaveLength(4);
    // The 4 s wait was dropped (no second attempt from it), and the next drop waits from the start.
    await vi.advanceTimersByTimeAsync(5000);
    expect(FakeSource.made).toHaveLength(4);
    expect(await nextAttemptAfter(() => last().drop())).toBe(1000);
  } finally {
    stop();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  }
});
