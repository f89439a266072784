/**
 * Failed sign-ins are counted per client address and per account (access key or login) in a
 * sliding window kept in memory. Only failures count: test suites that log in often are not slowed.
 * An attempt counts from its start (see `attempt`), so a burst cannot get more hashes done than the limit.
 */
import { ApiError } from '../http/errors';

const MAX_TRACKED = 50_000;

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until another try is allowed (0: allowed now). */
  wait(key: string, now: number): number {
    const list = this.recent(key, now);
    return list.length < this.max ? 0 : list[list.length - this.max] + this.windowMs - now;
  }

  record(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    if (list.length > this.max) list.splice(0, list.length - this.max);
    this.hits.set(key, list);
    if (this.hits.size > MAX_TRACKED) this.prune(now);
  }

  /** Forgets one hit recorded at `at` (an attempt that turned out to succeed). */
  forget(key: string, at: number): void {
    const list = this.hits.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => t > now - this.windowMs);
    if (fresh.length) this.hits.set(key, fresh);
    else this.hits.delete(key);
    return fresh;
  }

  private prune(now: number) {
    for (const key of [...this.hits.keys()]) this.recent(key, now);
    // Still full of fresh entries (a flood of distinct keys): forget the oldest half.
    if (this.hits.size > MAX_TRACKED) [...this.hits.keys()].slice(0, this.hits.size / 2).forEach((k) => this.hits.delete(k));
  }
}

export interface LoginLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 50, perAccount: 10, windowMs: 5 * 60_000 };

export class LoginLimiter {
  private readonly byAddress: SlidingWindow;
  private readonly byAccount: SlidingWindow;
  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.byAddress = new SlidingWindow(limits.perAddress, limits.windowMs);
    this.byAccount = new SlidingWindow(limits.perAccount, limits.windowMs);
  }

  /** Throws 429 with Retry-After when this address or account has failed too often lately. */
  check(address: string, account: string, now = Date.now()): void {
    const wait = Math.max(this.byAddress.wait(address, now), this.byAccount.wait(account, now));
    if (wait <= 0) return;
    const sec = Math.ceil(wait / 1000);
    throw new ApiError(
      429,
      0,
      `Too many failed sign-in attempts: try again in ${sec} s`,
      { retry_after: sec },
      { 'Retry-After': String(sec) },
    );
  }

  /**
   * Checks (429 when over a limit) and counts this attempt as a failure before any hashing starts, so that
   * concurrent attempts cannot all pass the check while the first ones are still hashing. Call the returned
   * function when the attempt succeeded: it is then not counted.
   */
  attempt(address: string, account: string, now = Date.now()): () => void {
    this.check(address, account, now);
    this.fail(address, account, now);
    return () => {
      this.byAddress.forget(address, now);
      this.byAccount.forget(account, now);
    };
  }

  fail(address: string, account: string, now = Date.now()): void {
    this.byAddress.record(address, now);
    this.byAccount.record(account, now);
  }
}

const limiters = new WeakMap<object, LoginLimiter>();

/** One limiter per running server (keyed by its store). */
export function loginLimiter(owner: object): LoginLimiter {
  let l = limiters.get(owner);
  if (!l) limiters.set(owner, (l = new LoginLimiter()));
  return l;
}
