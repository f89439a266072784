/**
 * One sign-in with a secret (an API key pair, a dashboard password, the current password of a change), in
 * the order that keeps a flood of them cheap: refused at once when the address or account is known to be
 * over its limit, or when too many sign-ins already wait for a hash; then counted in the store (refused
 * there when over the limit); then hashed in its turn (see HashQueue). Every refusal changes nothing.
 *
 * A refusal (429) is answered after `REFUSAL_DELAY_MS`: a client that keeps trying while refused gets
 * its answers at a bounded rate (its concurrency / the delay) instead of as fast as the event loop can
 * write them, which is what kept everybody else's calls waiting behind a flood of refused logins (each
 * costs about as much CPU as a quick call, and 20 at a time put 20 in front of every other request). A
 * client that honours Retry-After does not notice; the delay holds a timer and the client's open request.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../http/errors';
import type { Store } from '../store/store';
import type { Place } from './hash-queue';
import { hashQueue, verifySecret } from './passwords';
import { loginLimiter } from './rate-limit';

/** How long a refused sign-in waits for its answer. */
export const REFUSAL_DELAY_MS = 250;

export interface SignInAttempt {
  /** Whether `secret` matches `stored` (one full scrypt also when nothing is stored), hashed in this attempt's turn. */
  verify(secret: string, stored: string | null | undefined): Promise<boolean>;
  /** The attempt succeeded: it is not counted as a failure. */
  succeeded(): Promise<void>;
}

/** The answer when `maxWaiting` sign-ins already wait for a hash. */
export function signInsBusy(): ApiError {
  const { waiting, averageMs } = hashQueue.stats();
  const sec = Math.min(60, Math.max(1, Math.ceil((waiting * averageMs) / hashQueue.maxRunning / 1000)));
  return new ApiError(
    429,
    0,
    `The server is busy checking other sign-ins: try again in ${sec} s`,
    { retry_after: sec },
    { 'Retry-After': String(sec) },
  );
}

/** Runs `fn` with a sign-in attempt from `address` against `account` (`key:<access key>`, `login:<login>`). */
export async function withSignInAttempt<T>(
  store: Store,
  address: string,
  account: string,
  fn: (attempt: SignInAttempt) => Promise<T>,
): Promise<T> {
  const limiter = loginLimiter(store);
  let place: Place | null = null;
  try {
    limiter.refuseKnown(address, account);
    place = hashQueue.reserve(address, account);
    if (!place) throw signInsBusy();
    const succeeded = await limiter.attempt(address, account);
    const turn = place;
    return await fn({ verify: (secret, stored) => verifySecret(secret, stored, turn), succeeded });
  } catch (e) {
    if (e instanceof ApiError && e.code === 429) {
      place?.release();
      await sleep(REFUSAL_DELAY_MS);
    }
    throw e;
  } finally {
    place?.release();
  }
}
