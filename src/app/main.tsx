import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from '../client';
import { ApiClientProvider } from '../client/react';
import { clientFor, loadSession, LoginPage, saveSession, type Session } from '../features/auth';
import { ErrorSnackbar } from './errors';
import { router } from './router';
import { LogoutCtx, SessionCtx } from './session-context';
import { AppTheme } from './theme';

function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [client, setClient] = useState<ApiClient | null>(() => (session ? clientFor(session) : null));
  const showError = useRef<(e: unknown) => void>(() => undefined);
  const queryClient = useMemo(
    () =>
      new QueryClient({
        // A query marked `meta.quiet` shows its own error in place (charts refreshing in the background).
        queryCache: new QueryCache({ onError: (e, q) => q.meta?.quiet || showError.current(e) }),
        mutationCache: new MutationCache({ onError: (e) => showError.current(e) }),
        defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 2000 } },
      }),
    [client], // eslint-disable-line react-hooks/exhaustive-deps
  );
  if (!session || !client) {
    return (
      <LoginPage
        onLogin={(s, c) => {
          setSession(s);
          setClient(c);
        }}
      />
    );
  }
  return (
    <SessionCtx.Provider value={session}>
      <ApiClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <ErrorSnackbar register={(show) => (showError.current = show)}>
            <LogoutCtx.Provider
              value={() => {
                saveSession(null);
                setSession(null);
                setClient(null);
              }}
            >
              <RouterProvider router={router} />
            </LogoutCtx.Provider>
          </ErrorSnackbar>
        </QueryClientProvider>
      </ApiClientProvider>
    </SessionCtx.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppTheme>
      <App />
    </AppTheme>
  </StrictMode>,
);
