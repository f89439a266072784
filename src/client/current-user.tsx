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

/** Why a viewer's write control is disabled: the server refuses their changes (403) as well. */
export const VIEWER_READ_ONLY = 'Viewers can look but not change anything: an admin can make you a member';

/** VIEWER_READ_ONLY for a viewer, null for whoever may change shared data: a write control's tooltip. */
export function useViewerBlocker(): string | null {
  return useCanWrite() ? null : VIEWER_READ_ONLY;
}
