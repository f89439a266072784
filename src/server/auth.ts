import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { endpoint, type Identity } from './http/endpoint';
import { errors } from './http/errors';
import { isoNow, newId, randomKey } from './ids';
import type { Store } from './store/store';

/** The ClearML API version we answer as. The SDK uses its newest module not above it (2.23). */
export const API_VERSION = '2.31';
/** The clearml-server release whose behaviour we follow; the SDK reads it from the token. */
export const COMPATIBLE_SERVER_VERSION = '2.0.0';
export const TOKEN_LIFETIME_SEC = 30 * 24 * 3600;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [kind, saltHex, hashHex] = stored.split('$');
  if (kind !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(secret, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

async function signingKey(store: Store): Promise<string> {
  let key = await store.auth.getSetting('jwt_secret');
  if (!key) {
    key = randomBytes(32).toString('hex');
    await store.auth.setSetting('jwt_secret', key);
  }
  return key;
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
      role: 'user',
    },
    env: 'taskdeck',
    iat: now,
    exp: now + lifetimeSec,
    session_id: newId(),
    api_version: API_VERSION,
    server_version: COMPATIBLE_SERVER_VERSION,
    server_build: 'taskdeck',
    feature_set: 'basic',
  };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const sig = createHmac('sha256', await signingKey(store)).update(body).digest();
  return `${body}.${b64url(sig)}`;
}

export async function verifyToken(store: Store, token: string): Promise<Identity> {
  const parts = token.split('.');
  if (parts.length !== 3) throw errors.unauthorized('Unauthorized: the token is not a valid JWT');
  const sig = createHmac('sha256', await signingKey(store)).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) {
    throw errors.unauthorized('Unauthorized: the token signature is invalid');
  }
  let claims: { exp?: number; identity?: { user?: string; user_name?: string; company?: string } };
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw errors.unauthorized('Unauthorized: the token is not a valid JWT');
  }
  if (claims.exp !== undefined && claims.exp < Date.now() / 1000) throw errors.tokenExpired();
  const id = claims.identity;
  if (!id?.user || !id.company) throw errors.unauthorized('Unauthorized: the token carries no identity');
  return { user: id.user, userName: id.user_name ?? id.user, company: id.company };
}

async function identityOf(store: Store, userId: string): Promise<Identity> {
  const user = await store.auth.getUser(userId);
  if (!user) throw errors.badCredentials();
  return { user: user.id, userName: user.name, company: user.company };
}

export async function checkBasic(store: Store, header: string): Promise<Identity> {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0) throw errors.badCredentials();
  const cred = await store.auth.getCredential(decoded.slice(0, sep));
  if (!cred || !verifySecret(decoded.slice(sep + 1), cred.secretHash)) throw errors.badCredentials();
  return identityOf(store, cred.userId);
}

/** Reads `Authorization: Bearer <jwt>` (or Basic credentials) and returns who is calling. */
export async function authenticate(store: Store, header: string | undefined): Promise<Identity> {
  if (!header) throw errors.unauthorized('Unauthorized: no Authorization header (log in with auth.login first)');
  if (header.startsWith('Bearer ')) return verifyToken(store, header.slice(7).trim());
  if (header.startsWith('Basic ')) return checkBasic(store, header);
  throw errors.unauthorized('Unauthorized: unsupported Authorization scheme');
}

export interface NewCredentials {
  accessKey: string;
  secretKey: string;
}

/** Creates a key pair for the (single) user, creating the user on first use. Only a hash of the secret is kept. */
export async function createCredentials(store: Store, given?: Partial<NewCredentials>): Promise<NewCredentials> {
  return store.transaction(async () => {
    let userId = await store.auth.getSetting('default_user');
    if (!userId) {
      userId = newId();
      await store.auth.addUser({ id: userId, name: 'Taskdeck User', company: newId(), created: isoNow() });
      await store.auth.setSetting('default_user', userId);
    }
    const accessKey = given?.accessKey ?? randomKey(20);
    const secretKey = given?.secretKey ?? randomKey(48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    if (await store.auth.getCredential(accessKey)) throw new Error(`Access key ${accessKey} already exists`);
    await store.auth.addCredential({ accessKey, secretHash: hashSecret(secretKey), userId, created: isoNow() });
    return { accessKey, secretKey };
  });
}

export const authEndpoints = [
  endpoint(
    'auth.login',
    z.object({ expiration_sec: z.number().int().positive().optional() }).loose(),
    async (body, ctx) => {
      const header = ctx.headers.authorization;
      const auth = typeof header === 'string' ? header : undefined;
      if (!auth) throw errors.unauthorized('Unauthorized: auth.login needs HTTP Basic credentials (access key and secret key)');
      const identity = await authenticate(ctx.store, auth);
      return { token: await issueToken(ctx.store, identity, body.expiration_sec ?? TOKEN_LIFETIME_SEC) };
    },
    { auth: false },
  ),
  endpoint('users.get_current_user', z.object({}).loose(), async (_b, ctx) => ({
    user: {
      id: ctx.identity.user,
      name: ctx.identity.userName,
      given_name: ctx.identity.userName.split(' ')[0],
      family_name: ctx.identity.userName.split(' ').slice(1).join(' '),
      company: { id: ctx.identity.company, name: 'taskdeck' },
      role: 'user',
      created: null,
      preferences: {},
    },
    getting_started: {},
    settings: { max_download_items: 1000 },
  })),
  endpoint('users.get_all', z.object({ id: z.array(z.string()).optional() }).loose(), async (req, ctx) => ({
    users: (await ctx.store.auth.listUsers())
      .filter((u) => !req.id || req.id.includes(u.id))
      .map((u) => ({ id: u.id, name: u.name, company: { id: u.company } })),
  })),
  endpoint('server.info', z.object({}).loose(), async () => ({
    server_version: COMPATIBLE_SERVER_VERSION,
    build: 'taskdeck',
    commit: '',
    api_version: API_VERSION,
    uid: 'taskdeck',
  })),
];
