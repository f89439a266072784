import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './index';

const Ctx = createContext<ApiClient | null>(null);

/** Gives the dashboard's features the logged-in API client. */
export function ApiClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <Ctx.Provider value={client}>{children}</Ctx.Provider>;
}

export function useApiClient(): ApiClient {
  const c = useContext(Ctx);
  if (!c) throw new Error('ApiClientProvider is missing above this component');
  return c;
}
