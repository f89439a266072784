/**
 * The counts a failed sign-in adds to, on the store this run tests: per address, per account from each address, and
 * per login or key from every address together, each refused on its own limit (small limits here, as a server's
 * defaults are 50, 10, 100 and 1,000).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../store/store';
import { openTestStore } from '../store/testing/test-store';
import { LoginLimiter } from './rate-limit';

let store: Store;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ store, remove } = await openTestStore());
});
afterAll(() => remove?.());

const limits = { perAddress: 6, perAccount: 2, perLogin: 4, perKey: 5, windowMs: 60_000 };

/** A failed attempt (counted) or, when refused, 429. */
async function fail(limiter: LoginLimiter, address: string, account: string, now: number): Promise<'counted' | 429> {
  try {
    await limiter.attempt(address, account, now);
    return 'counted';
  } catch (e) {
    if ((e as { code?: number }).code === 429) return 429;
    throw e;
  }
}

it('refuses an account from an address over its own count, and elsewhere only once every address together is over', async () => {
  const limiter = new LoginLimiter(store, limits);
  const now = Date.now();
  expect([await fail(limiter, 'a1', 'login:sam', now), await fail(limiter, 'a1', 'login:sam', now)]).toEqual([
    'counted',
    'counted',
  ]);
  expect(await fail(limiter, 'a1', 'login:sam', now)).toBe(429);
  // Another address may still try the login, and a1 another login.
  expect(await fail(limiter, 'a2', 'login:sam', now)).toBe('counted');
  expect(await fail(limiter, 'a1', 'login:kim', now)).toBe('counted');
  expect(await fail(limiter, 'a3', 'login:sam', now)).toBe('counted');
  // Four failures for sam over all addresses: refused from any address now, a fresh one too.
  expect(await fail(limiter, 'a9', 'login:sam', now)).toBe(429);
  expect(await fail(limiter, 'a9', 'login:kim', now)).toBe('counted');
});

it('counts a key over every address far higher than a login, and an address over everything it names', async () => {
  const limiter = new LoginLimiter(store, limits);
  const now = Date.now();
  const results: ('counted' | 429)[] = [];
  for (let i = 0; i < 6; i++) results.push(await fail(limiter, `k${i}`, 'key:AK1', now));
  expect(results).toEqual(['counted', 'counted', 'counted', 'counted', 'counted', 429]);
  // One address naming six accounts reaches its own limit.
  const spread: ('counted' | 429)[] = [];
  for (let i = 0; i < 7; i++) spread.push(await fail(limiter, 'busy', `login:user${i}`, now));
  expect(spread).toEqual([...Array(6).fill('counted'), 429]);
});

it('forgets what the window has passed', async () => {
  const limiter = new LoginLimiter(store, limits);
  const then = Date.now();
  await fail(limiter, 'w1', 'login:old', then);
  await fail(limiter, 'w1', 'login:old', then);
  expect(await fail(limiter, 'w1', 'login:old', then + 1)).toBe(429);
  expect(await fail(limiter, 'w1', 'login:old', then + limits.windowMs + 1)).toBe('counted');
});
