import { createContext, useContext } from 'react';

export { useCurrentUser as useSession } from '../features/auth';

export const LogoutCtx = createContext<() => void>(() => undefined);
export const useLogout = () => useContext(LogoutCtx);
