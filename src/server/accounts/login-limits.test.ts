/** Failed logins are rate-limited, and an unknown key costs as much work as a wrong secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../testing/accounts';
import { startTestServer, TEST_ACCESS_KEY, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, type TestServer } from '../testing/server';

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
