/** Users, roles, API credentials and dashboard sessions (ClearML's names where it has them). */
import { CLEARML_ROLES } from '../../shared/api/accounts';
import { createCredentials } from '../auth';
import { preferencesOf } from './preferences';
import { endpoint, type RequestContext } from '../http/endpoint';
import { errors } from '../http/errors';
import { isCrossSite } from './origin';
import { clearedSessionCookie, createSession, sessionCookie } from './sessions';
import { withSignInAttempt } from './sign-in';
import { createUser, publicUser, resetPassword, setPassword, updateUser } from './users';

async function ownCredential(ctx: RequestContext, key: string) {
  const cred = await ctx.store.auth.getCredential(key);
  if (!cred || cred.userId !== ctx.identity.user || cred.revoked) {
    throw errors.badRequest(`You have no active access key ${key}`, { access_key: key });
  }
  return cred;
}

async function currentUser(ctx: RequestContext) {
  const user = await ctx.store.auth.getUser(ctx.identity.user);
  if (!user) throw errors.unauthorized('Unauthorized: the user of this session does not exist');
  return user;
}

/** A user's keys not revoked, as the API shows them (never a secret). */
async function liveCredentials(ctx: RequestContext, userId: string) {
  return (await ctx.store.auth.listCredentials(userId))
    .filter((c) => !c.revoked)
    .map((c) => ({ access_key: c.accessKey, label: c.label, created: c.created, last_used: c.lastUsed }));
}

async function userOr400(ctx: RequestContext, id: string) {
  const user = await ctx.store.auth.getUser(id);
  if (!user) throw errors.invalidUserId(id);
  return user;
}

export const accountEndpoints = [
  endpoint(
    'auth.sign_in',
    async (req, ctx) => {
      if (isCrossSite(ctx.headers, ctx.secure)) throw errors.forbidden('Forbidden: sign in from the dashboard itself');
      const login = req.login.trim().toLowerCase();
      const user = await withSignInAttempt(ctx.store, ctx.ip, `login:${login}`, async (attempt) => {
        const found = await ctx.store.auth.getUserByLogin(login);
        const ok = await attempt.verify(req.password, found?.passwordHash);
        if (!ok || !found || found.disabled) throw errors.unauthorized('Unauthorized: wrong login or password');
        await attempt.succeeded();
        return found;
      });
      const id = await createSession(ctx.store, user.id);
      ctx.setHeaders['Set-Cookie'] = sessionCookie(id, ctx.secure);
      return { user: publicUser(user) };
    },
    { access: 'public' },
  ),
  endpoint(
    'auth.sign_out',
    async (_req, ctx) => {
      if (ctx.identity.sessionHash) await ctx.store.auth.deleteSession(ctx.identity.sessionHash);
      ctx.setHeaders['Set-Cookie'] = clearedSessionCookie(ctx.secure);
      return {};
    },
    { access: 'self' },
  ),
  endpoint(
    'auth.change_password',
    async (req, ctx) => {
      const user = await currentUser(ctx);
      await withSignInAttempt(ctx.store, ctx.ip, `login:${user.login}`, async (attempt) => {
        if (!(await attempt.verify(req.current_password, user.passwordHash)))
          throw errors.badRequest('The current password is wrong');
        await attempt.succeeded();
      });
      await setPassword(ctx.store, user.id, req.new_password, ctx.identity.sessionHash);
      return { updated: 1 };
    },
    { access: 'self' },
  ),
  endpoint(
    'auth.create_credentials',
    async (req, ctx) => {
      const c = await createCredentials(ctx.store, undefined, { userId: ctx.identity.user, label: req.label?.trim() ?? '' });
      const stored = (await ctx.store.auth.getCredential(c.accessKey))!;
      return { credentials: { access_key: c.accessKey, secret_key: c.secretKey, label: stored.label, created: stored.created } };
    },
    { access: 'self' },
  ),
  endpoint('auth.get_credentials', async (_req, ctx) => ({ credentials: await liveCredentials(ctx, ctx.identity.user) }), {
    access: 'read',
  }),
  endpoint(
    'auth.revoke_credentials',
    async (req, ctx) => {
      await ownCredential(ctx, req.access_key);
      await ctx.store.auth.updateCredential(req.access_key, { revoked: new Date().toISOString() });
      return { revoked: 1 };
    },
    { access: 'self' },
  ),
  endpoint(
    'auth.edit_credentials',
    async (req, ctx) => {
      await ownCredential(ctx, req.access_key);
      await ctx.store.auth.updateCredential(req.access_key, { label: req.label.trim() });
      return { updated: 1 };
    },
    { access: 'self' },
  ),

  endpoint(
    'users.get_current_user',
    async (_b, ctx) => {
      const user = await currentUser(ctx);
      const [given, ...family] = user.name.split(' ');
      return {
        user: {
          id: user.id,
          name: user.name,
          given_name: given,
          family_name: family.join(' '),
          login: user.login,
          company: { id: user.company, name: 'taskdeck' },
          role: user.role,
          created: user.created,
          preferences: await preferencesOf(ctx.store, user.id),
        },
        getting_started: {},
        settings: { max_download_items: 1000 },
      };
    },
    { access: 'read' },
  ),
  endpoint(
    'users.get_all',
    async (req, ctx) => ({
      users: (await ctx.store.auth.listUsers()).filter((u) => !req.id || req.id.includes(u.id)).map(publicUser),
    }),
    { access: 'read' },
  ),
  endpoint(
    'users.create',
    async (req, ctx) => {
      const { user, password: made } = await createUser(ctx.store, req);
      return { id: user.id, user: publicUser(user), ...(req.password ? {} : { password: made }) };
    },
    { access: 'admin' },
  ),
  endpoint(
    'users.update',
    async (req, ctx) => {
      if (req.user === ctx.identity.user && (req.disabled || (req.role && req.role !== 'admin'))) {
        throw errors.badRequest('An admin cannot disable or demote themselves: ask another admin');
      }
      return { updated: 1, user: publicUser(await updateUser(ctx.store, req.user, req)) };
    },
    { access: 'admin' },
  ),
  endpoint(
    'auth.edit_user',
    async (req, ctx) => {
      // ClearML's call, for its tooling: a user by id, a ClearML role mapped onto Taskdeck's (CLEARML_ROLES).
      const user = await ctx.store.auth.getUser(req.user);
      if (!user) throw errors.invalidUserId(req.user);
      if (!req.role) return { updated: 0 as const, fields: {} };
      const role = CLEARML_ROLES[req.role];
      if (req.user === ctx.identity.user && role !== 'admin') {
        throw errors.badRequest('An admin cannot demote themselves: ask another admin');
      }
      if (role === user.role) return { updated: 0 as const, fields: { role: req.role } };
      await updateUser(ctx.store, user.id, { role });
      return { updated: 1 as const, fields: { role: req.role } };
    },
    { access: 'admin' },
  ),
  // A user's keys, for an admin: to see what scripts sign in as them, and to end that access (a key left behind by
  // someone who had their session, say) without disabling the user.
  endpoint(
    'users.get_credentials',
    async (req, ctx) => ({ credentials: await liveCredentials(ctx, (await userOr400(ctx, req.user)).id) }),
    { access: 'admin' },
  ),
  endpoint(
    'users.revoke_credentials',
    async (req, ctx) => {
      const user = await userOr400(ctx, req.user);
      const live = (await ctx.store.auth.listCredentials(user.id)).filter((c) => !c.revoked);
      const chosen = req.access_key === undefined ? live : live.filter((c) => c.accessKey === req.access_key);
      if (req.access_key !== undefined && !chosen.length) {
        throw errors.badRequest(`User ${user.login} has no key ${req.access_key} (or it was revoked already)`);
      }
      const revoked = new Date().toISOString();
      await ctx.store.transaction(async () => {
        for (const c of chosen) await ctx.store.auth.updateCredential(c.accessKey, { revoked });
      });
      return { revoked: chosen.length };
    },
    { access: 'admin' },
  ),
  endpoint(
    'users.reset_password',
    async (req, ctx) => {
      const { user, password: made } = await resetPassword(ctx.store, req.user);
      return { user: publicUser(user), password: made };
    },
    { access: 'admin' },
  ),
];
