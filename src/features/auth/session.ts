/**
 * The dashboard's session lives only in an HttpOnly cookie the server sets at sign-in: nothing
 * secret is kept where script can read it (no key, no token in any browser storage).
 */
import { ApiCallError, ApiClient } from '../../client';

export type Role = 'admin' | 'member' | 'viewer';

export interface CurrentUser {
  id: string;
  name: string;
  login: string;
  role: Role;
}

/** Older versions kept the key pair and a token here: remove it if a browser still has it. */
const LEGACY_KEY = 'taskdeck.session';

/** A client that calls this origin's API with the session cookie (no Authorization header). */
export function cookieClient(): ApiClient {
  try {
    sessionStorage.removeItem(LEGACY_KEY);
  } catch {
    /* storage may be unavailable */
  }
  return new ApiClient({ baseUrl: window.location.origin });
}

/** The signed-in user, or null when the cookie is missing or its session has ended. */
export async function currentUser(client: ApiClient): Promise<CurrentUser | null> {
  try {
    const { user } = await client.call<{ user: CurrentUser }>('users.get_current_user');
    return { id: user.id, name: user.name, login: user.login, role: user.role };
  } catch (e) {
    if (e instanceof ApiCallError && e.code === 401) return null;
    throw e;
  }
}

/** Signs in with login and password; throws the server's message when refused. */
export async function signIn(client: ApiClient, login: string, password: string): Promise<CurrentUser> {
  const { user } = await client.call<{ user: CurrentUser }>('auth.sign_in', { login, password });
  return { id: user.id, name: user.name, login: user.login, role: user.role };
}

export async function signOut(client: ApiClient): Promise<void> {
  await client.call('auth.sign_out', {});
}
