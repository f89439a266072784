/**
 * Failed sign-ins are counted per client address and per account (access key or login) in a
 * sliding window kept in the store, so every server on one database counts the same attempts.
 * Only failures count: test suites that log in often are not slowed. An attempt counts from its
 * start (see `attempt`), so a burst cannot get more hashes done than the limit.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors';
import type { Store } from '../store/store';

export interface LoginLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 50, perAccount: 10, windowMs: 5 * 60_000 };

/** Old attempts deleted per housekeeping round (a bounded statement). */
const EXPIRE_BATCH = 5000;

export class LoginLimiter {
  constructor(
    private readonly store: Store,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /**
   * Checks (429 with Retry-After when this address or account has failed too often lately) and counts
   * this attempt as a failure before any hashing starts, in one transaction that concurrent attempts on
   * the same keys wait for, so that they cannot all pass the check while the first ones are still
   * hashing. Call the returned function when the attempt succeeded: it is then not counted.
   */
  async attempt(address: string, account: string, now = Date.now()): Promise<() => Promise<void>> {
    const id = randomUUID();
    const keys = [
      { key: `ip:${address}`, max: this.limits.perAddress },
      { key: account, max: this.limits.perAccount },
    ];
    const since = now - this.limits.windowMs;
    const wait = await this.store.transaction(async (tx) => {
      await tx.loginFailures.lock(keys.map((k) => k.key));
      let longest = 0;
      for (const k of keys) {
        const times = await tx.loginFailures.recent(k.key, since + 1, k.max);
        if (times.length >= k.max) longest = Math.max(longest, times[k.max - 1] + this.limits.windowMs - now);
      }
      if (longest <= 0) await tx.loginFailures.add(id, [keys[0].key, keys[1].key], now);
      return longest;
    });
    if (wait > 0) {
      const sec = Math.ceil(wait / 1000);
      throw new ApiError(
        429,
        0,
        `Too many failed sign-in attempts: try again in ${sec} s`,
        { retry_after: sec },
        { 'Retry-After': String(sec) },
      );
    }
    return () => this.store.loginFailures.forget(id);
  }

  /** Deletes a bounded batch of attempts older than the window; returns how many went. */
  expire(now = Date.now()): Promise<number> {
    return this.store.loginFailures.deleteOlder(now - this.limits.windowMs, EXPIRE_BATCH);
  }
}

const limiters = new WeakMap<object, LoginLimiter>();

/** One limiter per store. */
export function loginLimiter(store: Store): LoginLimiter {
  let l = limiters.get(store);
  if (!l) limiters.set(store, (l = new LoginLimiter(store)));
  return l;
}
