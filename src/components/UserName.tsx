import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../client/react';

/** A user's name for a user id (tasks keep ids); the id itself while names load. */
export function useUserNames(): (id: string) => string {
  const client = useApiClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () => (await client.call<{ users: { id: string; name: string }[] }>('users.get_all', {})).users,
    staleTime: 5 * 60_000,
  });
  return (id) => users.data?.find((u) => u.id === id)?.name ?? id;
}
