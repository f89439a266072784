import { z } from 'zod';

export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const PASSWORD_MAX = 256;
export const NAME_MAX = 256;

const role = z.enum(ROLES);
const password = z.string().max(PASSWORD_MAX);
const label = z.string().max(256);
const accessKey = z.string().min(1).max(128);

export const noBody = z.object({}).loose();
export const authLogin = z.object({ expiration_sec: z.number().int().positive().optional() }).loose();
export const signIn = z.object({ login: z.string().max(256), password });
export const changePassword = z.object({ current_password: password, new_password: password });
export const createCredentials = z.object({ label: label.optional() }).loose();
export const revokeCredentials = z.object({ access_key: accessKey });
export const editCredentials = z.object({ access_key: accessKey, label });
export const usersGetAll = z.object({ id: z.array(z.string()).optional() }).loose();
/** A user as the API shows them: nothing secret. */
export const publicUser = z.object({
  id: z.string(),
  name: z.string(),
  login: z.string(),
  role,
  disabled: z.boolean(),
  created: z.string(),
  company: z.object({ id: z.string() }),
});
export type PublicUser = z.output<typeof publicUser>;
/** The signed-in user as the dashboard keeps them. */
export type CurrentUser = Pick<PublicUser, 'id' | 'name' | 'login' | 'role'>;

const user = publicUser.shape;
export const usersCreate = z.object({
  login: user.login.max(64),
  name: user.name.max(NAME_MAX).optional(),
  role: user.role,
  password: password.optional(),
});
export const userId = z.object({ user: z.string().max(128) });
/** An admin's revocation of a user's key, or of all of them when no key is named. */
export const usersRevokeCredentials = z.object({ user: z.string().max(128), access_key: accessKey.optional() });
export const usersUpdate = z.object({
  user: z.string().max(128),
  role: user.role.optional(),
  disabled: user.disabled.optional(),
  name: user.name.max(NAME_MAX).optional(),
});

/** ClearML's roles within a company (auth.edit_user), each given the Taskdeck role closest to it. */
export const CLEARML_ROLES = {
  admin: 'admin',
  superuser: 'admin',
  user: 'member',
  annotator: 'viewer',
} as const satisfies Record<string, Role>;
export const authEditUser = z.object({
  user: z.string().max(128),
  role: z.enum(Object.keys(CLEARML_ROLES) as [keyof typeof CLEARML_ROLES]).optional(),
});

export interface OwnCredential {
  access_key: string;
  label: string;
  created: string;
  last_used: string | null;
}
export interface NewCredential {
  access_key: string;
  secret_key: string;
  label: string;
}

/**
 * users.set_preferences: changes by key in dot notation (`{"a.b": 0}` sets `b` in the object `a` to 0), merged into
 * what the user stored before.
 */
export const usersSetPreferences = z.object({ preferences: z.record(z.string(), z.unknown()) });
