/**
 * The client's address behind a reverse proxy named by --trusted-proxy: the last X-Forwarded-For entry that is not a
 * trusted proxy. From anywhere else the header is ignored (a client could write any address in it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../testing/accounts';
import { startTestServer, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, type TestServer } from '../testing/server';
import { clientAddress } from './client-address';

const req = (remoteAddress: string, xff?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as never;

describe('clientAddress', () => {
  it("is the socket's address unless that is a trusted proxy", () => {
    expect(clientAddress(req('::ffff:10.1.1.1', '6.6.6.6'), [])).toBe('10.1.1.1');
    expect(clientAddress(req('10.1.1.1', '6.6.6.6'), ['10.9.9.9'])).toBe('10.1.1.1');
  });

  it('behind trusted proxies, the last address they were reached from, whatever the client wrote before it', () => {
    expect(clientAddress(req('10.9.9.9', '203.0.113.7'), ['10.9.9.9'])).toBe('203.0.113.7');
    expect(clientAddress(req('10.9.9.9', '1.2.3.4, 203.0.113.7'), ['10.9.9.9'])).toBe('203.0.113.7');
    expect(clientAddress(req('10.9.9.9', '1.2.3.4, 203.0.113.7, 10.8.8.8'), ['10.9.9.9', '10.8.8.8'])).toBe('203.0.113.7');
    expect(clientAddress(req('10.9.9.9', ['1.2.3.4', '2001:db8::1']), ['10.9.9.9'])).toBe('2001:db8::1');
  });

  it("is the proxy's own address when the header names no client, or something that is no address", () => {
    expect(clientAddress(req('10.9.9.9'), ['10.9.9.9'])).toBe('10.9.9.9');
    expect(clientAddress(req('10.9.9.9', ' , '), ['10.9.9.9'])).toBe('10.9.9.9');
    expect(clientAddress(req('10.9.9.9', 'evil<script>'), ['10.9.9.9'])).toBe('10.9.9.9');
  });
});

describe('sign-in limits behind a proxy', () => {
  let behindProxy: TestServer;
  let direct: TestServer;
  beforeAll(async () => {
    [behindProxy, direct] = await Promise.all([startTestServer({ trustedProxies: ['127.0.0.1'] }), startTestServer()]);
  });
  afterAll(async () => {
    await behindProxy?.stop();
    await direct?.stop();
  });

  const signIn = (srv: TestServer, from: string, login: string, password: string) =>
    post(srv, 'auth.sign_in', { login, password }, { 'X-Forwarded-For': from });
  const flood = async (srv: TestServer) => {
    for (let i = 0; i < 50; i++) expect((await signIn(srv, '198.51.100.66', `nobody${i}`, 'wrong-password')).status).toBe(401);
  };

  it('count each client behind a trusted proxy on its own: one client flooding it keeps no one else out', async () => {
    await flood(behindProxy);
    expect((await signIn(behindProxy, '198.51.100.66', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).status).toBe(429);
    expect((await signIn(behindProxy, '198.51.100.7', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).status).toBe(200);
  });

  it('ignore X-Forwarded-For from anyone not trusted: a client cannot pick its own address', async () => {
    await flood(direct);
    expect((await signIn(direct, '198.51.100.7', TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).status).toBe(429);
  });
});
