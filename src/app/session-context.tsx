import { createContext, useContext } from 'react';
import type { Session } from '../features/auth';

export const SessionCtx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionCtx);
  if (!s) throw new Error('no session');
  return s;
}

export const LogoutCtx = createContext<() => void>(() => undefined);
export const useLogout = () => useContext(LogoutCtx);
