/**
 * Who may call what. Every endpoint declares the access it needs; the API handler asks
 * `authorize` before running it. A role is a rank: admin ⊃ member ⊃ viewer.
 */
import { errors } from '../http/errors';

import { ROLES, type Role } from '../../shared/api/accounts';

export { ROLES, type Role };

/**
 * `public`: no sign-in (auth.login, auth.sign_in). `read`: any signed-in user. `self`: any signed-in
 * user, acting on their own account only (their keys, their password, signing out). `write`: changes
 * shared data (tasks, projects, models, queues, workers): members and admins. `admin`: user management.
 */
export type Access = 'public' | 'read' | 'self' | 'write' | 'admin';

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };
const NEEDS: Record<Exclude<Access, 'public'>, Role> = { read: 'viewer', self: 'viewer', write: 'member', admin: 'admin' };

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** The role an access level needs, or null for public endpoints. */
export function roleNeeded(access: Access): Role | null {
  return access === 'public' ? null : NEEDS[access];
}

export function forbidden(msg: string) {
  return errors.forbidden(msg);
}

/** Throws a 403 naming the caller's role and what the endpoint needs, unless the role suffices. */
export function authorize(role: Role, access: Access, endpointName: string): void {
  const needed = roleNeeded(access);
  if (!needed || RANK[role] >= RANK[needed]) return;
  if (role === 'viewer' && needed === 'member') throw forbidden(`viewer role is read-only: ${endpointName} needs member`);
  throw forbidden(`${role} role may not call ${endpointName}: it needs ${needed}`);
}

/** Whether a call with this access changes state (and so needs a same-origin check under a cookie). */
export function changesState(access: Access): boolean {
  return access !== 'read';
}
