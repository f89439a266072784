import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { PublicUser, Role } from '../../../shared/api/accounts';

/** A user as users.get_all lists them. */
export type UserRow = PublicUser;

/** Every user (also what the task table's user filter and user names read). */
export function useUsers() {
  const client = useApiClient();
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => (await client.call('users.get_all', {})).users,
    staleTime: 5 * 60_000,
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }) });
}

export function useCreateUser() {
  const client = useApiClient();
  return useUserMutation((v: { login: string; name: string; role: Role; password?: string }) => client.call('users.create', v));
}

export function useUpdateUser() {
  const client = useApiClient();
  return useUserMutation((v: { user: string; role?: Role; disabled?: boolean }) => client.call('users.update', v));
}

export function useResetPassword() {
  const client = useApiClient();
  return useUserMutation((user: string) => client.call('users.reset_password', { user }));
}

/** A user's API keys, for an admin (no secrets). */
export function useUserCredentials(user: string | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: ['users', user, 'credentials'],
    queryFn: async () => (await client.call('users.get_credentials', { user: user! })).credentials,
    enabled: !!user,
  });
}

/** Revokes one of a user's keys, or all of them when no key is named. */
export function useRevokeUserCredentials() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { user: string; access_key?: string }) => client.call('users.revoke_credentials', v),
    onSettled: (_r, _e, v) => qc.invalidateQueries({ queryKey: ['users', v.user, 'credentials'] }),
  });
}
