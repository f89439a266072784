/**
 * The dashboard's end of the server's live push: one EventSource per page, announcing which task,
 * model, project or queue changed. It only invalidates react-query caches (the data still comes from
 * the normal endpoints); while it is up, polling backs off, and when it drops polling returns.
 */
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';

export const LIVE_STREAM_URL = '/api/live.stream';
/** Polling interval while the stream is up: a fallback for anything the server does not announce. */
export const BACKED_OFF_MS = 30_000;
/** Changes gathered this long refetch once. */
const FLUSH_MS = 30;
/** Lists (the task table) refetch for new scalars at most this often: their metric columns move slowly. */
const LIST_SCALARS_MS = 3000;

export interface Change {
  kind: string;
  id?: string;
}

let up = false;
const watchers = new Set<() => void>();

export function liveStreamUp(): boolean {
  return up;
}

export function onLiveState(cb: () => void): () => void {
  watchers.add(cb);
  return () => void watchers.delete(cb);
}

/** Set by the connection below (exported for tests of what depends on it). */
export function setLiveStreamUp(v: boolean): void {
  if (up === v) return;
  up = v;
  if (typeof document !== 'undefined') document.documentElement.dataset.live = v ? 'up' : 'down';
  for (const w of watchers) w();
}

/** A query's polling interval given the stream: stretched to BACKED_OFF_MS while changes are pushed. */
export function livePoll(ms: number | false | undefined): number | false | undefined {
  return up && typeof ms === 'number' ? Math.max(ms, BACKED_OFF_MS) : ms;
}

const WRAPPED = Symbol('live-poll');
type Interval = number | false | undefined | ((q: Query) => number | false | undefined);

/**
 * Routes every query's `refetchInterval` through `livePoll`, in one place instead of in each
 * feature. react-query reads a function interval again after every fetch, so a change of the
 * stream's state takes hold at the next fetch (a drop refetches at once, below).
 */
export function installLivePolling(qc: QueryClient): void {
  const base = qc.defaultQueryOptions.bind(qc);
  qc.defaultQueryOptions = ((options: Parameters<typeof base>[0]) => {
    const o = base(options) as { refetchInterval?: Interval };
    const ri = o.refetchInterval;
    if (ri === undefined || ri === false || (typeof ri === 'function' && WRAPPED in ri)) return o;
    const wrapped = Object.assign((q: Query) => livePoll(typeof ri === 'function' ? ri(q) : ri), { [WRAPPED]: true });
    return { ...o, refetchInterval: wrapped };
  }) as typeof qc.defaultQueryOptions;
}

type Category = 'log' | 'plots' | 'samples' | 'data';

function categoryOf(key: QueryKey): Category {
  const head = String(key[0] ?? '');
  if (/log|console/i.test(head)) return 'log';
  if (/plot/i.test(head)) return 'plots';
  if (/debug|sample|image/i.test(head)) return 'samples';
  return 'data';
}

/** Whether a query's key names the id (ids are hex, so a substring test of the key is exact enough). */
const keyNames = (key: QueryKey, id: string) => JSON.stringify(key).includes(id);

/** Whether a list's rows (a table page) include the id. */
function rowsInclude(data: unknown, id: string): boolean {
  const rows = Array.isArray(data) ? data : (data as { tasks?: unknown } | undefined)?.tasks;
  if (!Array.isArray(rows) || rows.length > 5000) return false;
  return rows.some((r) => (r as { id?: unknown } | null)?.id === id);
}

/** Which cached queries a batch of changes makes stale. */
export function staleFor(changes: Change[], includeLists: boolean): (q: Query) => boolean {
  return (q) => {
    const cat = categoryOf(q.queryKey);
    const head = String(q.queryKey[0] ?? '');
    for (const c of changes) {
      const named = c.id ? keyNames(q.queryKey, c.id) : false;
      switch (c.kind) {
        case 'log':
        case 'plots':
        case 'samples':
          if (named && cat === c.kind) return true;
          break;
        case 'scalars':
          if (named && cat === 'data') return true;
          if (includeLists && c.id && rowsInclude(q.state.data, c.id)) return true;
          break;
        case 'task':
          // Pipelines and datasets draw their steps' and versions' statuses from keys that name only the run.
          if (named || (c.id && rowsInclude(q.state.data, c.id)) || /pipeline|dataset/i.test(head)) return true;
          break;
        case 'tasks':
          if (/^tasks|project|pipeline|dataset/i.test(head)) return true;
          break;
        case 'model':
          if (named || /^models/i.test(head) || (c.id && rowsInclude(q.state.data, c.id))) return true;
          break;
        case 'project':
          if (/project/i.test(head)) return true;
          break;
        case 'queue':
          if (/queue|worker/i.test(head)) return true;
          break;
        default:
          return true;
      }
    }
    return false;
  };
}

/**
 * Marks the queries `predicate` picks (every query without one) stale and refetches those on screen. react-query
 * restarts a fetch in flight only for a query that already has data: a first fetch sent before the change was made
 * answers without it and clears the mark, and with polling backed off the page would show that answer for 30 s.
 * Such a query is fetched once more when its fetch ends.
 */
export function refetchStale(qc: QueryClient, predicate?: (q: Query) => boolean): void {
  const firstFetches = qc
    .getQueryCache()
    .findAll({ fetchStatus: 'fetching', predicate: (q) => q.state.data === undefined && (!predicate || predicate(q)) });
  void qc.invalidateQueries(predicate && { predicate });
  for (const q of firstFetches) {
    const again = () => void qc.invalidateQueries({ queryKey: q.queryKey, exact: true });
    q.promise?.then(again, again);
  }
}

/** The first reconnection waits about this long; each failed one doubles the wait, up to RETRY_MAX_MS. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** A stream that stayed up this long was a working one: its drop starts the waits from RETRY_BASE_MS again. */
export const RETRY_STABLE_MS = 10_000;

/**
 * The wait before reconnection attempt `n` (0 for the first after a drop): doubling from RETRY_BASE_MS up to
 * RETRY_MAX_MS, each shortened by up to a quarter at random so that the pages of a restarted server do not all
 * come back in the same instant. Every wait is still longer than the last one below the cap.
 */
export function retryDelay(n: number, random: () => number = Math.random): number {
  return Math.round(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(n, 16)) * (0.75 + 0.25 * random()));
}

/**
 * Opens the stream and keeps it open; returns a function that closes it. A dropped or refused stream is
 * reopened here rather than by the browser (which retries at one fixed interval forever and gives up at
 * once on a refusal): after a wait that grows with each failed attempt, at once when the browser comes back
 * online or the page becomes visible again. While it is down, polling at each view's own rate brings the changes.
 */
export function connectLive(qc: QueryClient, url = LIVE_STREAM_URL): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let pending: Change[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let lastListScalars = 0;
  let everUp = false;
  let stopped = false;
  /** Failed attempts since the stream was last up for RETRY_STABLE_MS. */
  let failures = 0;
  let openedAt = 0;

  const flush = () => {
    flushTimer = null;
    const batch = pending;
    pending = [];
    const now = Date.now();
    const lists = now - lastListScalars >= LIST_SCALARS_MS;
    if (lists) lastListScalars = now;
    refetchStale(qc, staleFor(batch, lists));
  };
  // Whatever changed while the stream was down was not announced: refetch what is on screen.
  const resync = () => refetchStale(qc);

  const open = () => {
    retry = null;
    if (stopped) return;
    const s = new EventSource(url);
    source = s;
    s.onopen = () => {
      if (everUp) resync();
      everUp = true;
      openedAt = Date.now();
      setLiveStreamUp(true);
    };
    s.addEventListener('changes', (e) => {
      try {
        const changes = JSON.parse((e as MessageEvent<string>).data) as Change[];
        if (!Array.isArray(changes)) return;
        pending.push(...changes);
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      } catch {
        /* a malformed message is dropped; polling covers it */
      }
    });
    s.addEventListener('resync', resync);
    s.onerror = () => {
      if (source !== s) return;
      if (up) {
        setLiveStreamUp(false);
        resync();
      }
      // A stream that had been working for a while starts the waits over; one that keeps dropping does not.
      if (openedAt && Date.now() - openedAt >= RETRY_STABLE_MS) failures = 0;
      openedAt = 0;
      s.close();
      source = null;
      retry = setTimeout(open, retryDelay(failures++));
    };
  };
  // Back online (a laptop waking, a network returning): no reason to wait out the backoff.
  const online = () => {
    if (!retry || stopped) return;
    clearTimeout(retry);
    failures = 0;
    open();
  };
  const win = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : null;
  const doc = typeof document !== 'undefined' && typeof document.addEventListener === 'function' ? document : null;
  // The page shown again (a tab brought back, a laptop opened): someone is looking, so the same.
  const shown = () => {
    if (doc?.visibilityState === 'visible') online();
  };
  win?.addEventListener('online', online);
  doc?.addEventListener('visibilitychange', shown);
  open();
  return () => {
    stopped = true;
    win?.removeEventListener('online', online);
    doc?.removeEventListener('visibilitychange', shown);
    source?.close();
    if (retry) clearTimeout(retry);
    if (flushTimer) clearTimeout(flushTimer);
    setLiveStreamUp(false);
  };
}
