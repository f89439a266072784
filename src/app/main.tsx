import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiCallError } from '../client';
import { isUnknownId } from '../components/NotFound';
import { ApiClientProvider } from '../client/react';
import { connectLive, installLivePolling } from '../client/live';
import {
  cookieClient,
  currentUser,
  CurrentUserCtx,
  rememberedUser,
  rememberUser,
  signOut,
  SignInPage,
  type CurrentUser,
} from '../features/auth';
import { ErrorSnackbar } from './errors';
import { router } from './router';
import { LogoutCtx } from './session-context';
import { AppTheme } from './theme';

/** A call the server refused as asked (4xx), which asking again would not change; 429 (busy) is worth a retry. */
const isRefusal = (e: unknown) => e instanceof ApiCallError && e.code >= 400 && e.code < 500 && e.code !== 429;

function App() {
  // One client for the page's life: the session cookie, not the client, says who is signed in.
  const client = useMemo(() => cookieClient(), []);
  const [user, setUserState] = useState<CurrentUser | null | undefined>(() => rememberedUser() ?? undefined);
  const setUser = (u: CurrentUser | null) => {
    rememberUser(u);
    // Same user as drawn from the hint: keep the object so nothing re-renders or refetches.
    setUserState((prev) => (u && prev && JSON.stringify(prev) === JSON.stringify(u) ? prev : u));
  };
  const showError = useRef<(e: unknown) => void>(() => undefined);
  useEffect(() => {
    // A confirmation that fails for another reason than the session (the server restarting) keeps the page drawn from
    // the hint: the next call refused with 401 signs it out, where a moment's outage used to.
    const confirm = () =>
      currentUser(client).then(setUser, (e) => {
        showError.current(e);
        if (!rememberedUser()) setUser(null);
      });
    // Drawn from the hint: confirm once the page's own calls are out of the way (any 401 among
    // them already leads to the sign-in page).
    if (!rememberedUser()) return void confirm();
    const t = setTimeout(confirm, 3000);
    return () => clearTimeout(t);
  }, [client]);
  // A call refused with 401 means the session ended (signed out elsewhere, idle, user disabled).
  const onError = (e: unknown) => {
    if (e instanceof ApiCallError && e.code === 401) setUser(null);
    else showError.current(e);
  };
  const queryClient = useMemo(() => {
    const qc = new QueryClient({
      // A query marked `meta.quiet` shows its own error in place (charts refreshing in the background).
      // `quiet` may be a test of the error: those it passes are shown in place, the others here.
      queryCache: new QueryCache({
        onError: (e, q) => {
          const quiet = q.meta?.quiet;
          if (quiet === true || (typeof quiet === 'function' && (quiet as (e: unknown) => boolean)(e))) return;
          // Something shown was deleted meanwhile (by someone else, or with its project): the page says so in place
          // where it is the page's subject, and each query reading a part of it, fetched again on the live update,
          // would only say it once more.
          if (isUnknownId(e) && q.state.data !== undefined) return;
          onError(e);
        },
      }),
      mutationCache: new MutationCache({ onError }),
      // An id the server does not know stays unknown: the page says so at once instead of asking again.
      // A refusal (4xx: an unknown id, a bad filter) answers the same again at once: said without a retry's delay.
      defaultOptions: {
        queries: { retry: (n, e) => n < 1 && !isUnknownId(e) && !isRefusal(e), refetchOnWindowFocus: true, staleTime: 2000 },
      },
    });
    installLivePolling(qc);
    return qc;
  }, [user?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  // Changes pushed by the server refresh what is on screen; polling stays as the fallback.
  useEffect(() => (user ? connectLive(queryClient) : undefined), [queryClient, user]);
  if (user === undefined) return null;
  if (!user) return <SignInPage client={client} onSignIn={setUser} />;
  return (
    <CurrentUserCtx.Provider value={user}>
      <ApiClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <ErrorSnackbar register={(show) => (showError.current = show)}>
            <LogoutCtx.Provider
              value={() => {
                signOut(client).then(
                  () => setUser(null),
                  (e) => showError.current(e),
                );
              }}
            >
              <RouterProvider router={router} />
            </LogoutCtx.Provider>
          </ErrorSnackbar>
        </QueryClientProvider>
      </ApiClientProvider>
    </CurrentUserCtx.Provider>
  );
}

// With no remembered session the page first asks who is signed in, and draws the route only then: its script is
// fetched meanwhile, not after the answer (two round trips in a row on every first visit).
if (!rememberedUser()) {
  for (const route of router.getMatchedRoutes(window.location.pathname)[0])
    void router.loadRouteChunk(route)?.catch(() => undefined);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppTheme>
      <App />
    </AppTheme>
  </StrictMode>,
);
