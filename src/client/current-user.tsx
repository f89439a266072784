import { createContext, useContext } from 'react';
import type { CurrentUser, Role } from '../shared/api/accounts';

export type { CurrentUser, Role };

export const CurrentUserCtx = createContext<CurrentUser | null>(null);

/** The signed-in user (id, name, login, role). */
export function useCurrentUser(): CurrentUser {
  const u = useContext(CurrentUserCtx);
  if (!u) throw new Error('no signed-in user');
  return u;
}

/** Whether the user may change shared data; a viewer's write buttons are disabled. */
export function useCanWrite(): boolean {
  return useContext(CurrentUserCtx)?.role !== 'viewer';
}
