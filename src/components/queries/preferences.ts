import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApiClient } from '../../client/react';
import { setAtPath, type Preferences } from '../../shared/preferences';

const KEY = ['preferences'];

/** The signed-in user's preferences, kept on the server (users.get_preferences): read once a session. */
export function usePreferences() {
  const client = useApiClient();
  return useQuery({
    queryKey: KEY,
    staleTime: Infinity,
    queryFn: async () => (await client.call('users.get_preferences', {})).preferences as Preferences,
  });
}

/** How long a preference rests before it is sent: a column dragged wider sends its last width only. */
const QUIET_MS = 800;

/**
 * Changes not yet on the server, for each signed-in session (its query client), and when each key was last set:
 * kept beside the page's components, so that a save that failed goes with the next change made on any page, unless
 * that key (or one inside or around it) was set again since.
 */
interface Unsaved {
  pending: Map<string, unknown>;
  setAt: Map<string, number>;
  clock: number;
}
const unsaved = new WeakMap<QueryClient, Unsaved>();

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/**
 * Sets a preference by dotted key: in this session's copy at once, on the server once it has rested (QUIET_MS), or
 * at once when the component goes (a change just before leaving the page is not lost). A save that fails is said
 * (the page's error notice, the server's words) and its keys go with the next change, unless set again since.
 */
export function useSetPreference() {
  const client = useApiClient();
  const qc = useQueryClient();
  const state = unsaved.get(qc) ?? unsaved.set(qc, { pending: new Map(), setAt: new Map(), clock: 0 }).get(qc)!;
  const { pending } = state;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const save = useMutation({
    mutationFn: ({ preferences }: { preferences: Record<string, unknown>; sentAt: number }) =>
      client.call('users.set_preferences', { preferences }),
    onError: (_e, { preferences, sentAt }) => {
      for (const [k, v] of Object.entries(preferences)) {
        const newer = [...state.setAt].some(([p, at]) => at > sentAt && overlaps(p, k));
        if (!newer) pending.set(k, v);
      }
    },
  });
  const flush = useRef(() => {});
  flush.current = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!pending.size) return;
    const preferences = Object.fromEntries(pending);
    pending.clear();
    save.mutate({ preferences, sentAt: state.clock });
  };
  useEffect(() => () => flush.current(), []);
  return (key: string, value: unknown) => {
    qc.setQueryData<Preferences>(KEY, (old) => setAtPath(structuredClone(old ?? {}), key.split('.'), value));
    // A value set whole replaces what is pending inside it.
    for (const k of pending.keys()) if (k.startsWith(`${key}.`)) pending.delete(k);
    pending.set(key, value);
    state.setAt.set(key, ++state.clock);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => flush.current(), QUIET_MS);
  };
}
