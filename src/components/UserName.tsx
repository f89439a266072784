import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApiClient } from '../client/react';

/** Every user of the server (id, name, login). */
export function useUserList() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => (await client.call('users.get_all', {})).users,
    staleTime: 5 * 60_000,
  });
}

/** A user's name for a user id (tasks keep ids); the id itself while names load. */
export function useUserNames(): (id: string) => string {
  const users = useUserList();
  // The same function until the list changes: what is computed from names is not recomputed every render.
  return useCallback((id: string) => users.data?.find((u) => u.id === id)?.name ?? id, [users.data]);
}
