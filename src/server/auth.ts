import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashSecret, verifySecret } from './accounts/passwords';
import { findSession, hashSessionId, sessionCookieValue } from './accounts/sessions';
import { withSignInAttempt } from './accounts/sign-in';
import { endpoint, type Identity } from './http/endpoint';
import { errors } from './http/errors';
import { isoNow, randomKey } from './ids';
import type { Credential, Store, User } from './store/store';

/** The ClearML API version we answer as. The SDK uses its newest module not above it (2.23). */
export const API_VERSION = '2.31';
/** The clearml-server release whose behaviour we follow; the SDK reads it from the token. */
export const COMPATIBLE_SERVER_VERSION = '2.0.0';
/** The longest token auth.login issues; a longer `expiration_sec` is clamped (ClearML lets the server override it). */
export const TOKEN_LIFETIME_SEC = 30 * 24 * 3600;
/** last_used is written at most this often per key. */
const LAST_USED_EVERY_MS = 60_000;

export { hashSecret, verifySecret };

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Each store's token-signing secret, once read: see signingKey. */
const signingKeys = new WeakMap<Store, Promise<string>>();

/**
 * The token-signing secret, made at the first start (under the start lock, so that servers starting together
 * agree) and read once per store: every token check and login used to read it from the database again. Nothing
 * changes it afterwards (no endpoint, command or migration writes it; servers sharing a PostgreSQL database all
 * read the one the first start made), so holding it is exact. Changing it by hand in the database takes effect
 * when the servers restart. A failed read is not kept: the next call reads again.
 */
export function signingKey(store: Store): Promise<string> {
  let key = signingKeys.get(store);
  if (!key) {
    const read = readOrMakeSigningKey(store);
    signingKeys.set(store, read);
    read.catch(() => {
      if (signingKeys.get(store) === read) signingKeys.delete(store);
    });
    key = read;
  }
  return key;
}

async function readOrMakeSigningKey(store: Store): Promise<string> {
  let key = await store.auth.getSetting('jwt_secret');
  if (!key) {
    key = randomBytes(32).toString('hex');
    await store.auth.setSetting('jwt_secret', key);
  }
  return key;
}

export function identityOf(user: User, via?: Identity['via'], accessKey?: string): Identity {
  return { user: user.id, userName: user.name, company: user.company, role: user.role, via, accessKey };
}

export async function issueToken(store: Store, identity: Identity, lifetimeSec = TOKEN_LIFETIME_SEC): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const claims = {
    identity: {
      company: identity.company,
      company_name: 'taskdeck',
      user: identity.user,
      user_name: identity.userName,
      role: identity.role ?? 'member',
    },
    access_key: identity.accessKey,
    env: 'taskdeck',
    iat: now,
    exp: now + Math.min(lifetimeSec, TOKEN_LIFETIME_SEC),
    session_id: randomBytes(16).toString('hex'),
    api_version: API_VERSION,
    server_version: COMPATIBLE_SERVER_VERSION,
    server_build: 'taskdeck',
    feature_set: 'basic',
  };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = createHmac('sha256', await signingKey(store))
    .update(body)
    .digest();
  return `${body}.${b64url(sig)}`;
}

/** The user behind an id, if they may still act: exists and is not disabled. */
async function liveUser(store: Store, userId: string): Promise<User> {
  const user = await store.auth.getUser(userId);
  if (!user) throw errors.unauthorized('Unauthorized: the user of this token does not exist');
  if (user.disabled) throw errors.unauthorized('Unauthorized: this user is disabled');
  return user;
}

/** The credential behind a key, if it may still be used: exists, not revoked, belongs to a live user. */
async function liveCredential(store: Store, cred: Credential | null): Promise<User> {
  if (!cred || cred.revoked) throw errors.unauthorized('Unauthorized: this access key was revoked');
  const user = await liveUser(store, cred.userId);
  if (!cred.lastUsed || Date.now() - Date.parse(cred.lastUsed) > LAST_USED_EVERY_MS) {
    await store.auth.updateCredential(cred.accessKey, { lastUsed: isoNow() });
  }
  return user;
}

/** Checks a token's signature and lifetime, then the user and key it names against the live store. */
export async function verifyToken(store: Store, token: string): Promise<Identity> {
  const parts = token.split('.');
  if (parts.length !== 3) throw errors.unauthorized('Unauthorized: the token is not a valid JWT');
  const sig = createHmac('sha256', await signingKey(store))
    .update(`${parts[0]}.${parts[1]}`)
    .digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) {
    throw errors.unauthorized('Unauthorized: the token signature is invalid');
  }
  let claims: { exp?: number; access_key?: string; identity?: { user?: string } };
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw errors.unauthorized('Unauthorized: the token is not a valid JWT');
  }
  if (typeof claims.exp !== 'number' || claims.exp < Date.now() / 1000) throw errors.tokenExpired();
  const userId = claims.identity?.user;
  if (typeof userId !== 'string' || typeof claims.access_key !== 'string') {
    throw errors.unauthorized('Unauthorized: the token carries no user and key (log in again)');
  }
  const cred = await store.auth.getCredential(claims.access_key);
  const user = await liveCredential(store, cred);
  if (user.id !== userId) throw errors.unauthorized('Unauthorized: the token does not match its key');
  return identityOf(user, 'token', claims.access_key);
}

/**
 * Checks an access/secret pair. Rate-limited per address, and per key from each address (see `LoginLimiter`); an
 * unknown key costs the same scrypt as a wrong secret.
 */
export async function checkKeyPair(store: Store, accessKey: string, secretKey: string, ip: string): Promise<Identity> {
  const cred = await withSignInAttempt(store, ip, `key:${accessKey.slice(0, 128)}`, async (attempt) => {
    const found = await store.auth.getCredential(accessKey);
    const ok = await attempt.verify(secretKey, found?.secretHash);
    if (!ok || !found) throw errors.badCredentials();
    await attempt.succeeded();
    return found;
  });
  return identityOf(await liveCredential(store, cred), 'basic', accessKey);
}

export async function checkBasic(store: Store, header: string, ip: string): Promise<Identity> {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0) throw errors.badCredentials();
  return checkKeyPair(store, decoded.slice(0, sep), decoded.slice(sep + 1), ip);
}

export interface AuthInput {
  authorization?: string;
  cookie?: string;
  ip: string;
}

/**
 * Who is calling: `Authorization: Bearer <jwt>` or Basic credentials (SDK, agent, CLI), else the
 * dashboard's session cookie. Every path checks the user (and key) against the live store.
 */
export async function authenticate(store: Store, input: AuthInput): Promise<Identity> {
  const header = input.authorization;
  if (header?.startsWith('Bearer ')) return verifyToken(store, header.slice(7).trim());
  if (header?.startsWith('Basic ')) return checkBasic(store, header, input.ip);
  if (header) throw errors.unauthorized('Unauthorized: unsupported Authorization scheme');
  const sid = sessionCookieValue(input.cookie);
  if (sid) {
    const session = await findSession(store, sid);
    if (!session) throw errors.unauthorized('Unauthorized: the session has ended, sign in again');
    return { ...identityOf(await liveUser(store, session.userId), 'cookie'), sessionHash: hashSessionId(sid) };
  }
  throw errors.unauthorized('Unauthorized: no Authorization header (log in with auth.login first)');
}

export interface NewCredentials {
  accessKey: string;
  secretKey: string;
}

/** Creates a key pair for a user (by default the first admin). Only a hash of the secret is kept. */
export async function createCredentials(
  store: Store,
  given?: Partial<NewCredentials>,
  opts: { userId?: string; label?: string } = {},
): Promise<NewCredentials> {
  const accessKey = given?.accessKey ?? randomKey(20);
  const secretKey = given?.secretKey ?? randomKey(48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const secretHash = await hashSecret(secretKey);
  return store.transaction(async () => {
    const userId = opts.userId ?? (await store.auth.getSetting('default_user'));
    if (!userId || !(await store.auth.getUser(userId))) throw new Error('There is no user to create credentials for');
    if (await store.auth.getCredential(accessKey)) throw new Error(`Access key ${accessKey} already exists`);
    await store.auth.addCredential({
      accessKey,
      secretHash,
      userId,
      created: isoNow(),
      label: opts.label ?? '',
      revoked: null,
      lastUsed: null,
    });
    return { accessKey, secretKey };
  });
}

export const authEndpoints = [
  endpoint(
    'auth.login',
    async (body, ctx) => {
      const header = ctx.headers.authorization;
      const auth = typeof header === 'string' ? header : undefined;
      // A token renews itself (the SDK and the agent log in with CLEARML_AUTH_TOKEN, and refresh that way): checked as
      // every call's is, its key and user live.
      let identity;
      if (auth?.startsWith('Basic ')) identity = await checkBasic(ctx.store, auth, ctx.ip);
      else if (auth?.startsWith('Bearer ')) identity = await verifyToken(ctx.store, auth.slice(7).trim());
      else
        throw errors.unauthorized(
          'Unauthorized: auth.login needs HTTP Basic credentials (access key and secret key) or a token (Bearer)',
        );
      return {
        token: await issueToken(ctx.store, identity, Math.min(body.expiration_sec ?? TOKEN_LIFETIME_SEC, TOKEN_LIFETIME_SEC)),
      };
    },
    { access: 'public' },
  ),
  endpoint(
    'server.info',
    async () => ({
      server_version: COMPATIBLE_SERVER_VERSION,
      build: 'taskdeck',
      commit: '',
      api_version: API_VERSION,
      uid: 'taskdeck',
    }),
    { access: 'read' },
  ),
];
