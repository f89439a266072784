/**
 * Failed sign-ins are counted per client address, per account (access key or login) from each address, and per
 * login from all of them (see `counters`) in a sliding window kept in the store, so every server on one database counts the same attempts.
 * Only failures count: test suites that log in often are not slowed. An attempt counts from its
 * start (see `attempt`), so a burst cannot get more hashes done than the limit.
 *
 * A key the store found over its limit is also remembered in memory until the time the store gave, and
 * attempts naming it are refused from there without a transaction: a flood against one account or from one
 * address costs the store one transaction per server, not one per attempt (each took the one SQLite
 * connection that every request's authentication reads from). Remembering only ever refuses what the store
 * refused: it is forgotten when an attempt of this server succeeds (the store's count went down); one that
 * succeeded on another server is not seen here, and keeps this server refusing until the window ends.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/errors';
import type { Store } from '../store/store';

export interface LoginLimits {
  /** Failures from one address, whatever they name. */
  perAddress: number;
  /** Failures from one address naming one key or login. */
  perAccount: number;
  /** Failures naming one login, from every address together. */
  perLogin: number;
  /** Failures naming one access key, from every address together (a secret an operator chose may be weak). */
  perKey: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: 50,
  perAccount: 10,
  perLogin: 100,
  perKey: 1000,
  windowMs: 5 * 60_000,
};

/** Old attempts deleted per housekeeping round (a bounded statement). */
const EXPIRE_BATCH = 5000;
/** Keys remembered as over their limit at most (the oldest is forgotten first: the store still counts it). */
const MAX_REMEMBERED = 10_000;

/** The answer to an attempt refused for `waitMs` more milliseconds. */
export function tooManyFailures(waitMs: number): ApiError {
  const sec = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(
    429,
    0,
    `Too many failed sign-in attempts: try again in ${sec} s`,
    { retry_after: sec },
    { 'Retry-After': String(sec) },
  );
}

export class LoginLimiter {
  /** Key → when (epoch ms) the store's count of its failures falls below its limit. */
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /**
   * Throws the 429 of an attempt the store is known to refuse (see the top of this file), without the store.
   * `attempt` checks this too; a caller that reserves something before the attempt checks it first.
   */
  refuseKnown(address: string, account: string, now = Date.now()): void {
    let longest = 0;
    for (const { key } of this.counters(address, account)) {
      const until = this.refusedUntil.get(key);
      if (until === undefined) continue;
      if (until > now) longest = Math.max(longest, until - now);
      else this.refusedUntil.delete(key);
    }
    if (longest > 0) throw tooManyFailures(longest);
  }

  /**
   * Checks (429 with Retry-After when this address or account has failed too often lately) and counts
   * this attempt as a failure before any hashing starts, in one transaction that concurrent attempts on
   * the same keys wait for, so that they cannot all pass the check while the first ones are still
   * hashing. Call the returned function when the attempt succeeded: it is then not counted.
   * A refused attempt changes nothing in the store.
   */
  async attempt(address: string, account: string, now = Date.now()): Promise<() => Promise<void>> {
    this.refuseKnown(address, account, now);
    const id = randomUUID();
    const keys = this.counters(address, account);
    const since = now - this.limits.windowMs;
    const over = await this.store.transaction(async (tx) => {
      await tx.loginFailures.lock(keys.map((k) => k.key));
      const found: { key: string; until: number }[] = [];
      for (const k of keys) {
        const times = await tx.loginFailures.recent(k.key, since + 1, k.max);
        if (times.length >= k.max) found.push({ key: k.key, until: times[k.max - 1] + this.limits.windowMs });
      }
      if (!found.length)
        await tx.loginFailures.add(
          id,
          keys.map((k) => k.key),
          now,
        );
      return found;
    });
    if (over.length) {
      for (const o of over) this.remember(o.key, o.until);
      throw tooManyFailures(Math.max(...over.map((o) => o.until)) - now);
    }
    return async () => {
      await this.store.loginFailures.forget(id);
      for (const k of keys) this.refusedUntil.delete(k.key);
    };
  }

  /**
   * The counts an attempt from `address` naming `account` (`key:<access key>`, `login:<login>`) adds to, each with its
   * limit. An account is counted per address: counted alone, anyone's ten wrong guesses a window kept its owner out
   * (an access key is no secret, and a login is a name), for as long as they went on. A login is also counted over
   * every address, against a guesser spread over many; keeping its owner out that way takes ten addresses' worth. So
   * is a key, far higher: a generated secret (32 random characters) is hopeless to guess at any rate, but an operator
   * may have chosen TASKDECK_SECRET_KEY.
   */
  private counters(address: string, account: string): { key: string; max: number }[] {
    const keys = [
      { key: `ip:${address}`, max: this.limits.perAddress },
      { key: `${account}@${address}`, max: this.limits.perAccount },
    ];
    if (account.startsWith('login:')) keys.push({ key: account, max: this.limits.perLogin });
    else keys.push({ key: account, max: this.limits.perKey });
    return keys;
  }

  private remember(key: string, until: number) {
    this.refusedUntil.delete(key);
    if (this.refusedUntil.size >= MAX_REMEMBERED) this.refusedUntil.delete(this.refusedUntil.keys().next().value!);
    this.refusedUntil.set(key, until);
  }

  /** How many keys are remembered as refused (tests). */
  rememberedKeys(): number {
    return this.refusedUntil.size;
  }

  /** Deletes a bounded batch of attempts older than the window; returns how many went. */
  expire(now = Date.now()): Promise<number> {
    for (const [key, until] of this.refusedUntil) if (until <= now) this.refusedUntil.delete(key);
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
