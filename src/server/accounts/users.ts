/** User management shared by the API (admin endpoints) and the `taskdeck users` CLI. */
import { errors } from '../http/errors';
import { isoNow, newId } from '../ids';
import { isRole, type Role } from '../policies';
import { NAME_MAX } from '../../shared/api/accounts';
import type { Store, User } from '../store/store';
import { hashSecret, passwordProblem, randomPassword } from './passwords';

const LOGIN_RE = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
export { NAME_MAX };

export function normalizeLogin(login: string): string {
  const l = login.trim().toLowerCase();
  if (!LOGIN_RE.test(l)) {
    throw errors.validation(
      'A login is 1 to 64 characters: letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
    );
  }
  return l;
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n || n.length > NAME_MAX) throw errors.validation(`A user's name is 1 to ${NAME_MAX} characters`);
  return n;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw errors.validation(problem);
}

/** What any caller may see of a user: never the password hash. */
export function publicUser(u: User) {
  return {
    id: u.id,
    name: u.name,
    login: u.login,
    role: u.role,
    disabled: u.disabled,
    created: u.created,
    company: { id: u.company },
  };
}

export async function userByIdOrLogin(store: Store, ref: string): Promise<User> {
  const u = (await store.auth.getUser(ref)) ?? (await store.auth.getUserByLogin(ref.trim().toLowerCase()));
  if (!u) throw errors.badRequest(`No user "${ref}"`, { user: ref });
  return u;
}

/** The company every user shares (the first user's), as ClearML puts all users of a server in one. */
async function company(store: Store): Promise<string> {
  const first = (await store.auth.listUsers())[0];
  return first?.company ?? newId();
}

/** Creates a user; without a password, a random one is made and returned (to be shown once). */
export async function createUser(
  store: Store,
  spec: { login: string; name?: string; role: Role; password?: string },
): Promise<{ user: User; password: string }> {
  const login = normalizeLogin(spec.login);
  const name = checkName(spec.name || login);
  if (!isRole(spec.role)) throw errors.validation('The role is one of admin, member, viewer');
  const password = spec.password ?? randomPassword();
  checkPassword(password);
  const passwordHash = await hashSecret(password);
  const user = await store.transaction(async () => {
    if (await store.auth.getUserByLogin(login)) throw errors.badRequest(`A user with login "${login}" already exists`, { login });
    const u: User = {
      id: newId(),
      name,
      company: await company(store),
      created: isoNow(),
      login,
      role: spec.role,
      disabled: false,
      passwordHash,
    };
    await store.auth.addUser(u);
    return u;
  });
  return { user, password };
}

/** Refuses a change that would leave no enabled admin (nobody could manage users any more). */
async function keepAnAdmin(store: Store, user: User, next: { role?: Role; disabled?: boolean }) {
  const staysAdmin = (next.role ?? user.role) === 'admin' && !(next.disabled ?? user.disabled);
  if (user.role !== 'admin' || user.disabled || staysAdmin) return;
  const others = (await store.auth.listUsers()).filter((u) => u.id !== user.id && u.role === 'admin' && !u.disabled);
  if (!others.length) throw errors.badRequest(`"${user.login}" is the last enabled admin: make another admin first`);
}

export async function updateUser(
  store: Store,
  ref: string,
  patch: { role?: Role; disabled?: boolean; name?: string },
): Promise<User> {
  if (patch.role !== undefined && !isRole(patch.role)) throw errors.validation('The role is one of admin, member, viewer');
  const name = patch.name === undefined ? undefined : checkName(patch.name);
  return store.transaction(async () => {
    const user = await userByIdOrLogin(store, ref);
    await keepAnAdmin(store, user, patch);
    await store.auth.updateUser(user.id, { role: patch.role, disabled: patch.disabled, name });
    // A disabled user's sessions end now (their tokens and keys are refused by the live check).
    if (patch.disabled) await store.auth.deleteUserSessions(user.id);
    return (await store.auth.getUser(user.id))!;
  });
}

/** Sets a new random password (returned once) and ends the user's sessions. */
export async function resetPassword(store: Store, ref: string): Promise<{ user: User; password: string }> {
  const password = randomPassword();
  const passwordHash = await hashSecret(password);
  const user = await store.transaction(async () => {
    const u = await userByIdOrLogin(store, ref);
    await store.auth.updateUser(u.id, { passwordHash });
    await store.auth.deleteUserSessions(u.id);
    return u;
  });
  return { user, password };
}

/**
 * Sets the user's password and ends their other sessions: whoever signed in with the old one (a browser left signed in
 * elsewhere, a stolen cookie) is out. The session that changed it (`keep`) stays.
 */
export async function setPassword(store: Store, userId: string, password: string, keep?: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashSecret(password);
  await store.transaction(async () => {
    await store.auth.updateUser(userId, { passwordHash });
    await store.auth.deleteUserSessions(userId, keep);
  });
}

export interface FirstAdmin {
  login: string;
  /** Only when made up here (not given by TASKDECK_ADMIN_PASSWORD): printed once. */
  password?: string;
}

/**
 * On an empty store: the first user, an admin, from TASKDECK_ADMIN_USER / TASKDECK_ADMIN_PASSWORD
 * or `admin` with a random password. The first key pair is made for this user.
 */
export async function ensureFirstAdmin(
  store: Store,
  given: { login?: string; password?: string },
): Promise<FirstAdmin | undefined> {
  // Set once the first admin exists (also by the migration of older stores). Users added with the
  // CLI before the first start do not count: the server still needs its admin.
  if (await store.auth.getSetting('default_user')) return undefined;
  const login = normalizeLogin(given.login || 'admin');
  const existing = await store.auth.getUserByLogin(login);
  if (existing?.role === 'admin') {
    await store.auth.setSetting('default_user', existing.id);
    return undefined;
  }
  const { user, password } = await createUser(store, { login, name: 'Administrator', role: 'admin', password: given.password });
  await store.auth.setSetting('default_user', user.id);
  return { login: user.login, password: given.password ? undefined : password };
}
