/** Every response (API, files, dashboard, errors) carries the security headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

describe('security headers', () => {
  it('are on API answers, errors, files and the dashboard', async () => {
    const auth = { Authorization: `Bearer ${srv.client.token}` };
    const responses = {
      'api ok': await rawRequest(
        `${srv.url}/api/v2.23/server.info`,
        'POST',
        { ...auth, 'Content-Type': 'application/json' },
        '{}',
      ),
      'api error': await rawRequest(`${srv.url}/api/v2.23/tasks.get_all`, 'POST', { 'Content-Type': 'application/json' }, '{}'),
      'files 404': await rawRequest(`${srv.url}/files/nothing/here.txt`, 'GET', auth),
      dashboard: await rawRequest(`${srv.url}/`, 'GET', {}),
      'dashboard route': await rawRequest(`${srv.url}/projects/x/tasks`, 'GET', {}),
    };
    for (const [what, r] of Object.entries(responses)) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp, what).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp, what).toContain("object-src 'none'");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("base-uri 'self'");
      expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers['x-content-type-options'], what).toBe('nosniff');
      expect(r.headers['referrer-policy'], what).toBe('same-origin');
      expect(r.headers['x-frame-options'], what).toBe('DENY');
    }
  });
});
