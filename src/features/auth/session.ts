import { ApiClient } from '../../client';

const KEY = 'taskdeck.session';

export interface Session {
  accessKey: string;
  secretKey: string;
  token: string;
}

/** The session lives in sessionStorage: it ends with the browser tab, as a login should. */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export function clientFor(s: Pick<Session, 'accessKey' | 'secretKey'> & { token?: string }): ApiClient {
  return new ApiClient({ baseUrl: window.location.origin, accessKey: s.accessKey, secretKey: s.secretKey, token: s.token });
}

/** Logs in with an access/secret key pair; throws the server's message when refused. */
export async function login(accessKey: string, secretKey: string): Promise<{ session: Session; client: ApiClient }> {
  const client = clientFor({ accessKey, secretKey });
  const token = await client.login();
  const session = { accessKey, secretKey, token };
  saveSession(session);
  return { session, client };
}
