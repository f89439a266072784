/**
 * The dashboard's session lives only in an HttpOnly cookie the server sets at sign-in: nothing
 * secret is kept where script can read it (no key, no token in any browser storage).
 */
import { ApiCallError, ApiClient } from '../../client';

import type { CurrentUser, Role } from '../../client/current-user';

export type { CurrentUser, Role };

/** Older versions kept the key pair and a token here: remove it if a browser still has it. */
const LEGACY_KEY = 'taskdeck.session';

/**
 * Who signed in last in this tab (id, name, login, role: nothing secret), so that a reload draws
 * the app at once while users.get_current_user confirms the cookie's session in the background.
 * The server decides every call by the cookie alone; this is only a hint for the first paint.
 */
const PROFILE_KEY = 'taskdeck.profile';

export function rememberedUser(): CurrentUser | null {
  try {
    const raw = sessionStorage.getItem(PROFILE_KEY);
    const u = raw ? (JSON.parse(raw) as Partial<CurrentUser>) : null;
    return u &&
      typeof u.id === 'string' &&
      typeof u.name === 'string' &&
      typeof u.login === 'string' &&
      typeof u.role === 'string'
      ? { id: u.id, name: u.name, login: u.login, role: u.role as Role }
      : null;
  } catch {
    return null;
  }
}

export function rememberUser(u: CurrentUser | null): void {
  try {
    if (u) sessionStorage.setItem(PROFILE_KEY, JSON.stringify({ id: u.id, name: u.name, login: u.login, role: u.role }));
    else sessionStorage.removeItem(PROFILE_KEY);
  } catch {
    /* storage may be unavailable */
  }
}

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
    const { user } = await client.call('users.get_current_user');
    return { id: user.id, name: user.name, login: user.login, role: user.role };
  } catch (e) {
    if (e instanceof ApiCallError && e.code === 401) return null;
    throw e;
  }
}

/** Signs in with login and password; throws the server's message when refused. */
export async function signIn(client: ApiClient, login: string, password: string): Promise<CurrentUser> {
  const { user } = await client.call('auth.sign_in', { login, password });
  return { id: user.id, name: user.name, login: user.login, role: user.role };
}

export async function signOut(client: ApiClient): Promise<void> {
  await client.call('auth.sign_out', {});
}
