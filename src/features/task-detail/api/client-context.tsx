import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../../client';

const Ctx = createContext<ApiClient | null>(null);

/** The app hands the detail view its logged-in API client. */
export function TaskDetailClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <Ctx.Provider value={client}>{children}</Ctx.Provider>;
}

export function useDetailClient(): ApiClient {
  const c = useContext(Ctx);
  if (!c) throw new Error('TaskDetailClientProvider is missing');
  return c;
}
