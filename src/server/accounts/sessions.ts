/**
 * Dashboard sessions: a random id in an HttpOnly, SameSite=Strict cookie; the server keeps only
 * its SHA-256 (the id has 256 random bits, so a fast hash suffices). Idle sessions expire; the
 * idle clock is refreshed at most once a minute so that reads do not turn into writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isoNow } from '../ids';
import type { SessionRow, Store } from '../store/store';

export const SESSION_COOKIE = 'taskdeck_session';
export const SESSION_IDLE_MS = 12 * 3600_000;
/** However much it is used, a session ends this long after its sign-in (as a token does): a stolen cookie does too. */
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export async function createSession(store: Store, userId: string): Promise<string> {
  // Sessions nobody came back to are removed here, so the table does not grow without bound.
  await store.auth.deleteIdleSessions(Date.now() - SESSION_IDLE_MS);
  const id = randomBytes(32).toString('base64url');
  await store.auth.addSession({ idHash: hashSessionId(id), userId, created: isoNow(), lastSeen: Date.now() });
  return id;
}

/** The live session a cookie value names, or null (unknown, idle too long or too old; such a one is deleted). */
export async function findSession(store: Store, id: string, now = Date.now()): Promise<SessionRow | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const s = await store.auth.getSession(hashSessionId(id));
  if (!s) return null;
  if (now - s.lastSeen > SESSION_IDLE_MS || now - Date.parse(s.created) > SESSION_MAX_MS) {
    await store.auth.deleteSession(s.idHash);
    return null;
  }
  if (now - s.lastSeen > TOUCH_EVERY_MS) await store.auth.touchSession(s.idHash, now);
  return s;
}

/** The session cookie's value from a Cookie header, if any. */
export function sessionCookieValue(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a new session (a browser-session cookie: the server enforces the idle expiry). */
export function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
