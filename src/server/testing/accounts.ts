/** Test helpers for users, cookie sessions and per-user clients over real HTTP. */
import { ApiClient } from '../../client';
import { rawRequest, type RawResponse } from './replay';
import type { TestServer } from './server';

export interface Envelope {
  status: number;
  headers: RawResponse['headers'];
  json: { meta: { result_code: number; result_msg: string }; data: Record<string, unknown> };
}

/** POSTs JSON to /api/<endpoint> with the given headers (no client magic). */
export async function post(
  srv: { url: string },
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Envelope> {
  const r = await rawRequest(
    `${srv.url}/api/v2.23/${endpoint}`,
    'POST',
    { 'Content-Type': 'application/json', ...headers },
    JSON.stringify(body),
  );
  return { status: r.status, headers: r.headers, json: JSON.parse(r.body.toString()) };
}

/** The headers a browser sends with a same-origin fetch from the dashboard. */
export function sameOrigin(srv: { url: string }): Record<string, string> {
  return { Origin: srv.url };
}

/** Signs in as a browser would; returns the Set-Cookie header and the `name=value` pair to send back. */
export async function signIn(srv: TestServer, login: string, password: string) {
  const r = await post(srv, 'auth.sign_in', { login, password }, sameOrigin(srv));
  if (r.status !== 200) throw new Error(`sign_in ${login}: ${r.status} ${r.json.meta.result_msg}`);
  const setCookie = ([] as string[]).concat(r.headers['set-cookie'] ?? [])[0];
  return { setCookie, cookie: setCookie.split(';')[0], user: r.json.data.user as { id: string; role: string } };
}

/** Creates a user as the test admin and returns a key-pair client for them. */
export async function userClient(srv: TestServer, login: string, role: 'admin' | 'member' | 'viewer') {
  const password = `${login}-password-123`;
  const { id } = await srv.client.call('users.create', { login, name: `User ${login}`, role, password });
  const { cookie } = await signIn(srv, login, password);
  const made = await post(srv, 'auth.create_credentials', { label: 'tests' }, { Cookie: cookie, ...sameOrigin(srv) });
  const creds = made.json.data.credentials as { access_key: string; secret_key: string };
  const client = new ApiClient({ baseUrl: srv.url, accessKey: creds.access_key, secretKey: creds.secret_key });
  await client.login();
  return { id, password, cookie, client, accessKey: creds.access_key, secretKey: creds.secret_key };
}
