import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../client/react';
import type { NewCredential, OwnCredential } from '../../../shared/api/accounts';

export type { NewCredential, OwnCredential };

const KEY = ['own-credentials'];

export function useOwnCredentials() {
  const client = useApiClient();
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await client.call('auth.get_credentials')).credentials,
  });
}

export function useCreateCredential() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (label: string) => (await client.call('auth.create_credentials', { label })).credentials,
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeCredential() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (accessKey: string) => client.call('auth.revoke_credentials', { access_key: accessKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRelabelCredential() {
  const client = useApiClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { accessKey: string; label: string }) =>
      client.call('auth.edit_credentials', { access_key: v.accessKey, label: v.label }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useChangePassword() {
  const client = useApiClient();
  return useMutation({
    mutationFn: (v: { current: string; next: string }) =>
      client.call('auth.change_password', { current_password: v.current, new_password: v.next }),
  });
}
