import { useQuery, useQueryClient } from '@tanstack/react-query';
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
 * Sets a preference by dotted key: in this session's copy at once, on the server once it has rested (QUIET_MS), or
 * at once when the component goes (a change just before leaving the page is not lost).
 */
export function useSetPreference() {
  const client = useApiClient();
  const qc = useQueryClient();
  const pending = useRef(new Map<string, unknown>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useRef(() => {});
  flush.current = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!pending.current.size) return;
    const preferences = Object.fromEntries(pending.current);
    pending.current.clear();
    // Not kept there: this browser's copy still holds it, and the next change sends it again.
    void client.call('users.set_preferences', { preferences }).catch(() => undefined);
  };
  useEffect(() => () => flush.current(), []);
  return (key: string, value: unknown) => {
    qc.setQueryData<Preferences>(KEY, (old) => setAtPath(structuredClone(old ?? {}), key.split('.'), value));
    // A value set whole replaces what is pending inside it.
    for (const k of pending.current.keys()) if (k.startsWith(`${key}.`)) pending.current.delete(k);
    pending.current.set(key, value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => flush.current(), QUIET_MS);
  };
}
