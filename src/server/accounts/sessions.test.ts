/** Cookie sessions, revocation and token checks over real HTTP. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../client';
import { post, sameOrigin, signIn, userClient } from '../testing/accounts';
import { rawRequest } from '../testing/replay';
import { startTestServer, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, type TestServer } from '../testing/server';

let srv: TestServer;

const projectNames = async () => (await srv.client.call('projects.get_all', {})).projects.map((p) => p.name).sort();

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and not Secure over plain http; Secure behind an https proxy', async () => {
    const { setCookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const attrs = setCookie.split(';').map((a) => a.trim());
    expect(attrs[0]).toMatch(/^taskdeck_session=[A-Za-z0-9_-]{43}$/);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attrs).not.toContain('Secure');
    const https = await post(
      srv,
      'auth.sign_in',
      { login: TEST_ADMIN_LOGIN, password: TEST_ADMIN_PASSWORD },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('authorizes the API and /files, with no token anywhere', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const me = await post(srv, 'users.get_current_user', {}, { Cookie: cookie });
    expect(me.json.data.user).toMatchObject({ login: 'admin', role: 'admin' });
    const url = await srv.client.upload('cookie/a.txt', new TextEncoder().encode('hi'));
    const file = await rawRequest(url, 'GET', { Cookie: cookie });
    expect(file.status).toBe(200);
    expect(file.body.toString()).toBe('hi');
    expect((await rawRequest(`${url}?token=${srv.client.token}`, 'GET', {})).status).toBe(401);
  });

  it('accepts a state change from the same origin and refuses it cross-origin or without origin headers, changing nothing', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const before = await projectNames();
    const refusals: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site', Origin: srv.url },
      { 'Sec-Fetch-Site': 'same-site' },
      {},
    ];
    for (const h of refusals) {
      const r = await post(srv, 'projects.create', { name: 'csrf' }, { Cookie: cookie, ...h });
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(r.json.meta.result_msg).toMatch(/only from the dashboard's own origin/);
    }
    expect(await projectNames()).toEqual(before);
    const ok = await post(srv, 'projects.create', { name: 'same-origin' }, { Cookie: cookie, ...sameOrigin(srv) });
    expect(ok.status).toBe(200);
    const fetchSite = await post(
      srv,
      'projects.create',
      { name: 'fetch-site' },
      { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(fetchSite.status).toBe(200);
    // Reads need no origin check (SameSite=Strict keeps the cookie off cross-site requests anyway).
    expect((await post(srv, 'projects.get_all', {}, { Cookie: cookie })).status).toBe(200);
  });

  it("changes nothing for the dashboard's own images, links and forms: with the cookie a state change is a POST of JSON", async () => {
    // A stored URL such as `/api/users.update?user=…&role=admin` in a plot image, an artifact or a description's link
    // is fetched by an admin's browser from our own origin, with the cookie and `Sec-Fetch-Site: same-origin`.
    const admin = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const mallory = await userClient(srv, 'mallory', 'member');
    const browser = { Cookie: admin.cookie, 'Sec-Fetch-Site': 'same-origin' };
    const api = (path: string) => `${srv.url}/api/${path}`;
    const role = async () => (await srv.client.call('users.get_all', {})).users.find((u) => u.id === mallory.id)?.role;
    const logins = async () => (await srv.client.call('users.get_all', {})).users.map((u) => u.login).sort();
    const usersBefore = await logins();
    const attempts: [string, string, Record<string, string>, string?][] = [
      ['GET', `users.update?user=${mallory.id}&role=admin`, {}],
      ['GET', 'users.create?login=eve&role=admin&password=evilpass123', {}],
      ['GET', 'auth.sign_out', {}],
      ['HEAD', `users.update?user=${mallory.id}&role=admin`, {}],
      ['POST', 'users.update', { 'Content-Type': 'text/plain' }, JSON.stringify({ user: mallory.id, role: 'admin' })],
      ['POST', 'users.update', { 'Content-Type': 'application/x-www-form-urlencoded' }, `user=${mallory.id}&role=admin`],
      ['POST', `users.update?user=${mallory.id}&role=admin`, {}],
    ];
    for (const [method, path, headers, body] of attempts) {
      const r = await rawRequest(api(path), method, { ...browser, ...headers }, body);
      expect(r.status, `${method} ${path}`).toBe(method === 'HEAD' ? 405 : 403);
      if (method !== 'HEAD') expect(JSON.parse(r.body.toString()).meta.result_msg).toMatch(/must be a POST of JSON/);
    }
    expect(await role()).toBe('member');
    expect(await logins()).toEqual(usersBefore);
    // The session still works (the sign-out was refused), and reads by GET are answered as before.
    const me = await rawRequest(api('users.get_current_user'), 'GET', browser);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body.toString()).data.user.id).toBe(admin.user.id);

    // Nor does a link sign the viewer in as someone else (to have what they then do land in that account).
    const signInLink = await rawRequest(api(`auth.sign_in?login=mallory&password=${mallory.password}`), 'GET', {
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(signInLink.status).toBe(403);
    expect(signInLink.headers['set-cookie']).toBeUndefined();

    // What the dashboard sends, and a script's key pair by GET with a JSON body (as the ClearML SDK calls), still work.
    const byDashboard = await post(srv, 'users.update', { user: mallory.id, role: 'viewer' }, browser);
    expect(byDashboard.status).toBe(200);
    expect(await role()).toBe('viewer');
    const basic = `Basic ${Buffer.from(`${mallory.accessKey}:${mallory.secretKey}`).toString('base64')}`;
    const sdk = await rawRequest(
      api('users.get_current_user'),
      'GET',
      { Authorization: basic, 'Content-Type': 'application/json' },
      '{}',
    );
    expect(sdk.status).toBe(200);
    const adminKey = await rawRequest(
      api('projects.create'),
      'GET',
      { Authorization: `Bearer ${srv.client.token}`, 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'made by GET with a token' }),
    );
    expect(adminKey.status).toBe(200);
  });

  it('refuses a cross-site sign-in', async () => {
    const r = await post(
      srv,
      'auth.sign_in',
      { login: TEST_ADMIN_LOGIN, password: TEST_ADMIN_PASSWORD },
      { Origin: 'http://evil.example' },
    );
    expect(r.status).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('ends on sign-out: the next request with it is refused', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const out = await post(srv, 'auth.sign_out', {}, { Cookie: cookie, ...sameOrigin(srv) });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/taskdeck_session=;.*Max-Age=0/);
    const after = await post(srv, 'users.get_current_user', {}, { Cookie: cookie });
    expect(after.status).toBe(401);
    expect(after.json.meta.result_msg).toMatch(/session has ended/);
  });

  it('is refused with a wrong password, an unknown login, or a made-up cookie', async () => {
    expect((await post(srv, 'auth.sign_in', { login: TEST_ADMIN_LOGIN, password: 'wrong-password' })).status).toBe(401);
    expect((await post(srv, 'auth.sign_in', { login: 'nobody', password: 'whatever-123' })).status).toBe(401);
    const fake = `taskdeck_session=${'A'.repeat(43)}`;
    expect((await post(srv, 'users.get_current_user', {}, { Cookie: fake })).status).toBe(401);
  });
});

describe('revocation takes effect on the next request', () => {
  it('a revoked key: its token and Basic are refused', async () => {
    const u = await userClient(srv, 'rita', 'member');
    expect((await u.client.call('users.get_current_user')).user.id).toBe(u.id);
    const { credentials } = await u.client.call('auth.get_credentials');
    expect(credentials).toEqual([expect.objectContaining({ access_key: u.accessKey, label: 'tests' })]);
    expect(credentials[0].last_used).toBeTruthy();
    expect(JSON.stringify(credentials)).not.toContain(u.secretKey);
    await u.client.call('auth.edit_credentials', { access_key: u.accessKey, label: 'laptop' });
    const token = u.client.token!;
    await post(srv, 'auth.revoke_credentials', { access_key: u.accessKey }, { Cookie: u.cookie, ...sameOrigin(srv) });
    const r = await post(srv, 'tasks.get_all', {}, { Authorization: `Bearer ${token}` });
    expect(r.status).toBe(401);
    expect(r.json.meta.result_msg).toMatch(/revoked/);
    const basic = `Basic ${Buffer.from(`${u.accessKey}:${u.secretKey}`).toString('base64')}`;
    expect((await post(srv, 'auth.login', {}, { Authorization: basic })).status).toBe(401);
    // Nor does its token renew itself.
    expect((await post(srv, 'auth.login', {}, { Authorization: `Bearer ${token}` })).status).toBe(401);
    const list = await post(srv, 'auth.get_credentials', {}, { Cookie: u.cookie });
    expect(list.json.data.credentials).toEqual([]);
  });

  it("a user may not revoke or relabel another user's key", async () => {
    const a = await userClient(srv, 'ann', 'member');
    const b = await userClient(srv, 'ben', 'member');
    await expect(a.client.call('auth.revoke_credentials', { access_key: b.accessKey })).rejects.toThrow(/no active access key/);
    await expect(a.client.call('auth.edit_credentials', { access_key: b.accessKey, label: 'x' })).rejects.toThrow(
      /no active access key/,
    );
    expect((await b.client.call('users.get_current_user')).user.id).toBe(b.id);
  });

  it("an admin lists a user's keys and revokes one of them or all; each stops working at once, others' go on", async () => {
    const u = await userClient(srv, 'kai', 'member');
    const other = await userClient(srv, 'lee', 'member');
    const second = await u.client.call('auth.create_credentials', { label: 'laptop' });
    const keysOf = async (user: string) =>
      (await srv.client.call('users.get_credentials', { user })).credentials.map((c) => c.access_key).sort();
    expect(await keysOf(u.id)).toEqual([u.accessKey, second.credentials.access_key].sort());
    // No secret in what an admin sees.
    expect(JSON.stringify(await srv.client.call('users.get_credentials', { user: u.id }))).not.toContain(u.secretKey);
    const basicOf = (access: string, secret: string) => ({
      Authorization: `Basic ${Buffer.from(`${access}:${secret}`).toString('base64')}`,
    });
    const works = async (headers: Record<string, string>) => (await post(srv, 'users.get_current_user', {}, headers)).status;

    await expect(srv.client.call('users.revoke_credentials', { user: u.id, access_key: other.accessKey })).rejects.toThrow(
      /has no key/,
    );
    expect(await works(basicOf(other.accessKey, other.secretKey))).toBe(200);

    expect(await srv.client.call('users.revoke_credentials', { user: u.id, access_key: u.accessKey })).toEqual({ revoked: 1 });
    expect(await works(basicOf(u.accessKey, u.secretKey))).toBe(401);
    expect(await works({ Authorization: `Bearer ${u.client.token}` })).toBe(401);
    expect(await works(basicOf(second.credentials.access_key, second.credentials.secret_key))).toBe(200);

    expect(await srv.client.call('users.revoke_credentials', { user: u.id })).toEqual({ revoked: 1 });
    expect(await works(basicOf(second.credentials.access_key, second.credentials.secret_key))).toBe(401);
    expect(await keysOf(u.id)).toEqual([]);
    // The user's session and the other user's key are untouched.
    expect(await works({ Cookie: u.cookie })).toBe(200);
    expect(await works(basicOf(other.accessKey, other.secretKey))).toBe(200);
  });

  it('a disabled user: token, key and session are refused; enabled again, they work', async () => {
    const u = await userClient(srv, 'dora', 'member');
    await srv.client.call('users.update', { user: u.id, disabled: true });
    for (const headers of [{ Authorization: `Bearer ${u.client.token}` }, { Cookie: u.cookie }] as Record<string, string>[]) {
      expect((await post(srv, 'tasks.get_all', {}, headers)).status).toBe(401);
    }
    expect((await post(srv, 'auth.sign_in', { login: 'dora', password: u.password })).status).toBe(401);
    await srv.client.call('users.update', { user: u.id, disabled: false });
    expect((await post(srv, 'tasks.get_all', {}, { Authorization: `Bearer ${u.client.token}` })).status).toBe(200);
  });

  it('a changed password: the old one no longer signs in', async () => {
    const u = await userClient(srv, 'pat', 'viewer');
    await expect(
      u.client.call('auth.change_password', { current_password: 'not-it-at-all', new_password: 'new-password-1' }),
    ).rejects.toThrow(/current password is wrong/);
    await expect(u.client.call('auth.change_password', { current_password: u.password, new_password: 'short' })).rejects.toThrow(
      /too short/,
    );
    await u.client.call('auth.change_password', { current_password: u.password, new_password: 'new-password-1' });
    expect((await post(srv, 'auth.sign_in', { login: 'pat', password: u.password })).status).toBe(401);
    expect((await post(srv, 'auth.sign_in', { login: 'pat', password: 'new-password-1' })).status).toBe(200);
  });

  it("a changed password ends the user's other sessions, not the one that changed it", async () => {
    const u = await userClient(srv, 'quinn', 'member');
    const laptop = (await signIn(srv, 'quinn', u.password)).cookie;
    const elsewhere = (await signIn(srv, 'quinn', u.password)).cookie;
    const other = await userClient(srv, 'rory', 'member');
    const me = (cookie: string) => post(srv, 'users.get_current_user', {}, { Cookie: cookie });
    const changed = await post(
      srv,
      'auth.change_password',
      { current_password: u.password, new_password: 'quinn-new-password' },
      { Cookie: laptop, ...sameOrigin(srv) },
    );
    expect(changed.status).toBe(200);
    expect((await me(laptop)).status).toBe(200);
    for (const cookie of [elsewhere, u.cookie]) expect((await me(cookie)).status).toBe(401);
    // Another user's session is left alone; a change made with a key pair ends every session of its user.
    expect((await me(other.cookie)).status).toBe(200);
    await u.client.call('auth.change_password', { current_password: 'quinn-new-password', new_password: 'quinn-third-pass' });
    expect((await me(laptop)).status).toBe(401);
    expect((await me(other.cookie)).status).toBe(200);
  });
});

describe('tokens', () => {
  it('a validly signed token for a user that does not exist is refused', async () => {
    const token = srv.client.token!;
    const c = claims(token);
    const forged = { ...c, identity: { ...(c.identity as object), user: 'f'.repeat(32) } };
    // Signed with the server's real key, as a leaked key or a deleted user's old token would be.
    const secret = await srv.store.auth.getSetting('jwt_secret');
    const body = `${token.split('.')[0]}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}`;
    const sig = createHmac('sha256', secret!).update(body).digest('base64url');
    for (const ep of ['users.get_current_user', 'tasks.create']) {
      const r = await post(srv, ep, { name: 'ghost', type: 'training' }, { Authorization: `Bearer ${body}.${sig}` });
      expect(r.status, ep).toBe(401);
    }
  });

  it('are signed and checked with the signing key the first start stored, not read from the database per request', async () => {
    const stored = await srv.store.auth.getSetting('jwt_secret');
    const reads = vi.spyOn(srv.store.auth, 'getSetting');
    try {
      const basic = `Basic ${Buffer.from(`${srv.firstCredentials!.accessKey}:${srv.firstCredentials!.secretKey}`).toString('base64')}`;
      const login = await post(srv, 'auth.login', {}, { Authorization: basic });
      const token = login.json.data.token as string;
      const [head, body, sig] = token.split('.');
      expect(sig).toBe(createHmac('sha256', stored!).update(`${head}.${body}`).digest('base64url'));
      for (let i = 0; i < 5; i++) {
        const r = await post(srv, 'users.get_current_user', {}, { Authorization: `Bearer ${token}` });
        expect(r.status).toBe(200);
      }
      const tampered = `${head}.${body}.${createHmac('sha256', 'another key').update(`${head}.${body}`).digest('base64url')}`;
      expect((await post(srv, 'users.get_current_user', {}, { Authorization: `Bearer ${tampered}` })).status).toBe(401);
      expect(reads.mock.calls.filter(([k]) => k === 'jwt_secret')).toEqual([]);
    } finally {
      reads.mockRestore();
    }
  });

  it('live no longer than 30 days, whatever expiration_sec asks', async () => {
    const basic = `Basic ${Buffer.from(`${srv.firstCredentials!.accessKey}:${srv.firstCredentials!.secretKey}`).toString('base64')}`;
    const long = await post(srv, 'auth.login', { expiration_sec: 100 * 365 * 24 * 3600 }, { Authorization: basic });
    const c = claims(long.json.data.token as string);
    expect((c.exp as number) - (c.iat as number)).toBe(30 * 24 * 3600);
    const short = await post(srv, 'auth.login', { expiration_sec: 60 }, { Authorization: basic });
    const s = claims(short.json.data.token as string);
    expect((s.exp as number) - (s.iat as number)).toBe(60);
  });

  it('renew themselves: auth.login with a token (CLEARML_AUTH_TOKEN) answers a new one, while its key lives', async () => {
    const basic = `Basic ${Buffer.from(`${srv.firstCredentials!.accessKey}:${srv.firstCredentials!.secretKey}`).toString('base64')}`;
    const first = (await post(srv, 'auth.login', { expiration_sec: 60 }, { Authorization: basic })).json.data.token as string;
    const renewed = await post(srv, 'auth.login', {}, { Authorization: `Bearer ${first}` });
    expect(renewed.status).toBe(200);
    const token = renewed.json.data.token as string;
    expect(token).not.toBe(first);
    expect(claims(token)).toMatchObject({ access_key: srv.firstCredentials!.accessKey });
    expect((await post(srv, 'users.get_current_user', {}, { Authorization: `Bearer ${token}` })).status).toBe(200);
    // A token that is not ours renews nothing.
    const [head, body] = first.split('.');
    const forged = `${head}.${body}.${createHmac('sha256', 'another key').update(`${head}.${body}`).digest('base64url')}`;
    expect((await post(srv, 'auth.login', {}, { Authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('an unknown key and a known key with a wrong secret get the same answer', async () => {
    const client = new ApiClient({ baseUrl: srv.url, accessKey: 'NOSUCHKEY', secretKey: 'x' });
    await expect(client.login()).rejects.toThrow(/invalid access key or secret key/);
    const wrong = new ApiClient({ baseUrl: srv.url, accessKey: srv.firstCredentials!.accessKey, secretKey: 'x' });
    await expect(wrong.login()).rejects.toThrow(/invalid access key or secret key/);
  });
});

describe('idle sessions', () => {
  it('end after the idle time: the cookie is refused and the row removed', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const id = cookie.split('=')[1];
    const { hashSessionId, SESSION_IDLE_MS } = await import('./sessions');
    await srv.store.auth.touchSession(hashSessionId(id), Date.now() - SESSION_IDLE_MS - 1000);
    const r = await post(srv, 'users.get_current_user', {}, { Cookie: cookie });
    expect(r.status).toBe(401);
    expect(await srv.store.auth.getSession(hashSessionId(id))).toBeNull();
  });

  it('end 30 days after sign-in however much they are used', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const id = cookie.split('=')[1];
    const { findSession, hashSessionId } = await import('./sessions');
    const created = Date.parse((await srv.store.auth.getSession(hashSessionId(id)))!.created);
    const day = 24 * 3600_000;
    // Used every few hours for 29 days: still live.
    await srv.store.auth.touchSession(hashSessionId(id), created + 29 * day);
    expect(await findSession(srv.store, id, created + 29 * day + 3600_000)).not.toBeNull();
    await srv.store.auth.touchSession(hashSessionId(id), created + 30 * day);
    expect(await findSession(srv.store, id, created + 30 * day + 3600_000)).toBeNull();
    expect(await srv.store.auth.getSession(hashSessionId(id))).toBeNull();
  });

  it('are refreshed by use (sliding expiry)', async () => {
    const { cookie } = await signIn(srv, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const id = cookie.split('=')[1];
    const { hashSessionId, SESSION_IDLE_MS } = await import('./sessions');
    const old = Date.now() - SESSION_IDLE_MS + 60_000;
    await srv.store.auth.touchSession(hashSessionId(id), old);
    expect((await post(srv, 'users.get_current_user', {}, { Cookie: cookie })).status).toBe(200);
    expect((await srv.store.auth.getSession(hashSessionId(id)))!.lastSeen).toBeGreaterThan(old + 60_000);
  });
});
