import { createContext, useContext } from 'react';

export const LogoutCtx = createContext<() => void>(() => undefined);
export const useLogout = () => useContext(LogoutCtx);
