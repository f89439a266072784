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
export const usersCreate = z.object({
  login: z.string().max(64),
  name: z.string().max(NAME_MAX).optional(),
  role,
  password: password.optional(),
});
export const userId = z.object({ user: z.string().max(128) });

/** A user as the API shows them: nothing secret. */
export interface PublicUser {
  id: string;
  name: string;
  login: string;
  role: Role;
  disabled: boolean;
  created: string;
  company: { id: string };
}
/** The signed-in user as the dashboard keeps them. */
export type CurrentUser = Pick<PublicUser, 'id' | 'name' | 'login' | 'role'>;

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
export const usersUpdate = z.object({
  user: z.string().max(128),
  role: role.optional(),
  disabled: z.boolean().optional(),
  name: z.string().max(NAME_MAX).optional(),
});
