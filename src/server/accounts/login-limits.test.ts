/** Failed logins are rate-limited, and an unknown key costs as much work as a wrong secret. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentials } from '../auth';
import type { Store } from '../store/store';
import { post } from '../testing/accounts';
import {
  startTestServer,
  TEST_ACCESS_KEY,
  TEST_ADMIN_LOGIN,
  TEST_ADMIN_PASSWORD,
  TEST_SECRET_KEY,
  type TestServer,
} from '../testing/server';
import type { Place } from './hash-queue';
import { hashQueue, MAX_WAITING_SIGN_INS } from './passwords';

let srv: TestServer;
const basic = (a: string, s: string) => ({ Authorization: `Basic ${Buffer.from(`${a}:${s}`).toString('base64')}` });

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

describe('login work', () => {
  it('is the same for an unknown key as for a wrong secret (medians within a tolerant ratio)', async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, on distinct made-up keys so that the rate limit does not kick in.
    for (let i = 0; i < 9; i++) {
      unknown.push(await timed(() => post(srv, 'auth.login', {}, basic(`UNKNOWNKEY${i}`, 'nope'))));
      wrong.push(await timed(() => post(srv, 'auth.login', {}, basic(TEST_ACCESS_KEY, `wrong-${i}`))));
    }
    const ratio = median(wrong) / median(unknown);
    console.log(
      `auth.login median: wrong secret ${median(wrong).toFixed(1)} ms, unknown key ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    // Before the dummy hash the ratio was about 12 (141 ms against 12 ms).
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });
});

describe('the login rate limit', () => {
  it('answers 429 with Retry-After after repeated failures for one key, and refuses even the right secret meanwhile', async () => {
    const fresh = await startTestServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, `bad-${i}`))).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
      const r = await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, 'test-secret-key-for-taskdeck-tests-only'));
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(300);
      expect(r.json.meta.result_msg).toMatch(/Too many failed sign-in attempts: try again in \d+ s/);
    } finally {
      await fresh.stop();
    }
  });

  it("counts a key's failures per address: a known access key cannot lock out the scripts and agents using it elsewhere", async () => {
    const fresh = await startTestServer();
    const from = (localAddress: string, secret: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${fresh.url}/api/v2.23/auth.login`,
          { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', ...basic(TEST_ACCESS_KEY, secret) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    try {
      const attacker: number[] = [];
      for (let i = 0; i < 11; i++) attacker.push(await from('127.0.0.2', `guess-${i}`));
      expect(attacker.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(attacker[10]).toBe(429);
      // The attacker's address stays refused, even with the right secret; the key's owner elsewhere signs in.
      expect(await from('127.0.0.2', TEST_SECRET_KEY)).toBe(429);
      expect(await from('127.0.0.1', TEST_SECRET_KEY)).toBe(200);
      expect(await from('127.0.0.3', TEST_SECRET_KEY)).toBe(200);
    } finally {
      await fresh.stop();
    }
  });

  it("counts a login's failures per address, and over every address only at ten times that: one guesser cannot keep its owner out", async () => {
    const fresh = await startTestServer();
    const signIn = (localAddress: string, login: string, password: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${fresh.url}/api/v2.23/auth.sign_in`,
          { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ login, password }));
      });
    const guesses = async (address: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await signIn(address, TEST_ADMIN_LOGIN, `guess-${address}-${i}`));
      return out;
    };
    try {
      await fresh.client.call('users.create', { login: 'colleague', role: 'member', password: 'colleague-password' });
      expect(await guesses('127.0.0.2', 11)).toEqual([...Array(10).fill(401), 429]);
      expect(await signIn('127.0.0.2', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).toBe(429);
      expect(await signIn('127.0.0.1', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).toBe(200);
      // Nine more addresses, ten guesses each: 100 failures for the login in the window, and it is refused everywhere.
      const spread = await Promise.all(Array.from({ length: 9 }, (_, k) => guesses(`127.0.0.${k + 3}`, 10)));
      expect(spread.flat().filter((s) => s === 401)).toHaveLength(90);
      expect(await signIn('127.0.0.20', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).toBe(429);
      expect(await signIn('127.0.0.20', 'colleague', 'colleague-password')).toBe(200);
    } finally {
      await fresh.stop();
    }
  });

  it('holds for a concurrent burst: 20 wrong logins at once for one key get 10 answers of 401 and 10 of 429', async () => {
    const fresh = await startTestServer();
    try {
      const statuses = await Promise.all(
        Array.from(
          { length: 20 },
          async (_, i) => (await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, `burst-${i}`))).status,
        ),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    } finally {
      await fresh.stop();
    }
  });

  it('limits dashboard sign-in per login as well', async () => {
    const fresh = await startTestServer();
    try {
      for (let i = 0; i < 10; i++) {
        expect((await post(fresh, 'auth.sign_in', { login: TEST_ADMIN_LOGIN, password: `bad-password-${i}` })).status).toBe(401);
      }
      const r = await post(fresh, 'auth.sign_in', { login: TEST_ADMIN_LOGIN, password: TEST_ADMIN_PASSWORD });
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBeTruthy();
    } finally {
      await fresh.stop();
    }
  });

  it('does not count successful logins', async () => {
    for (let i = 0; i < 30; i++) {
      expect((await post(srv, 'auth.login', {}, basic(TEST_ACCESS_KEY, 'test-secret-key-for-taskdeck-tests-only'))).status).toBe(
        200,
      );
    }
  });
});

/** Counts the store's transactions from now on. */
function countTransactions(store: Store): { count: number } {
  const counter = { count: 0 };
  const original = store.transaction.bind(store);
  store.transaction = ((fn: never) => {
    counter.count++;
    return original(fn);
  }) as Store['transaction'];
  return counter;
}

const failuresOf = (store: Store, key: string) => store.loginFailures.recent(key, 0, 1000);

describe('a flood of wrong logins', () => {
  it('is refused without the store once the store has refused its key, and the refusals change nothing there', async () => {
    const fresh = await startTestServer();
    try {
      for (let i = 0; i < 11; i++) await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, `bad-${i}`));
      const before = await failuresOf(fresh.store, `key:${TEST_ACCESS_KEY}@127.0.0.1`);
      expect(before).toHaveLength(10);
      const transactions = countTransactions(fresh.store);
      const statuses = await Promise.all(
        Array.from(
          { length: 20 },
          async (_, i) => (await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, `more-${i}`))).status,
        ),
      );
      expect(statuses).toEqual(Array(20).fill(429));
      // Before, each refusal was a transaction of its own: 20.
      expect(transactions.count).toBe(0);
      expect(await failuresOf(fresh.store, `key:${TEST_ACCESS_KEY}@127.0.0.1`)).toEqual(before);
      expect(await failuresOf(fresh.store, 'ip:127.0.0.1')).toHaveLength(10);
      const r = await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, TEST_SECRET_KEY));
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.json.meta.result_msg).toMatch(/^Too many failed sign-in attempts: try again in \d+ s$/);
    } finally {
      await fresh.stop();
    }
  });

  it('does not keep a right secret of another key waiting behind its hashes', async () => {
    const fresh = await startTestServer();
    try {
      const other = await createCredentials(fresh.store);
      const answered: string[] = [];
      const flood = Array.from({ length: 20 }, async (_, i) => {
        const r = await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, `flood-${i}`));
        answered.push(String(r.status));
      });
      // The flood's attempts take their places first: 10 pass the limit and wait for a hash, one at a time
      // on a small machine. Before, the right secret waited behind all of them (10 wrong ones first).
      await expect.poll(() => hashQueue.stats().running + hashQueue.stats().waiting).toBeGreaterThanOrEqual(5);
      const right = post(fresh, 'auth.login', {}, basic(other.accessKey, other.secretKey)).then((r) => {
        answered.push(`right ${r.status}`);
      });
      await Promise.all([...flood, right]);
      const at = answered.findIndex((a) => a.startsWith('right'));
      expect(answered[at]).toBe('right 200');
      // It is next in line once the store has counted it; the flood's hashes go on while it is counted (a
      // PostgreSQL transaction can take a few of them), so a margin: half the flood, where before it was all.
      const wrongBefore = answered.slice(0, at).filter((a) => a === '401').length;
      expect(wrongBefore).toBeLessThanOrEqual(5);
      expect(answered.filter((a) => a === '401')).toHaveLength(10);
    } finally {
      await fresh.stop();
    }
  });

  it('is refused with 429 and Retry-After, the store unchanged, while the sign-ins waiting for a hash are at the cap', async () => {
    const fresh = await startTestServer();
    const held: Place[] = [];
    try {
      while (hashQueue.stats().waiting < MAX_WAITING_SIGN_INS)
        held.push(hashQueue.reserve('10.9.9.9', `key:held${held.length}`)!);
      const transactions = countTransactions(fresh.store);
      const r = await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, TEST_SECRET_KEY));
      expect(r.status).toBe(429);
      expect(r.json.meta.result_msg).toMatch(/^The server is busy checking other sign-ins: try again in \d+ s$/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((r.json.meta as unknown as { error_data: unknown }).error_data).toEqual({
        retry_after: Number(r.headers['retry-after']),
      });
      const s = await post(fresh, 'auth.sign_in', { login: TEST_ADMIN_LOGIN, password: 'wrong-password' });
      expect(s.status).toBe(429);
      expect(transactions.count).toBe(0);
      expect(await failuresOf(fresh.store, `key:${TEST_ACCESS_KEY}@127.0.0.1`)).toEqual([]);
      expect(await failuresOf(fresh.store, 'ip:127.0.0.1')).toEqual([]);
      held.splice(0).forEach((p) => p.release());
      expect((await post(fresh, 'auth.login', {}, basic(TEST_ACCESS_KEY, TEST_SECRET_KEY))).status).toBe(200);
    } finally {
      held.forEach((p) => p.release());
      await fresh.stop();
    }
  });
});
