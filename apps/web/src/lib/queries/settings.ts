'use client'

import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type Role = 'viewer' | 'editor' | 'owner'
export const ROLES: readonly Role[] = ['viewer', 'editor', 'owner']

function useInvalidate(key: QueryKey) {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: key })
}

export function useWorkspace() {
  return useQuery({
    queryKey: keys.workspace,
    queryFn: async () => unwrap(await api().GET('/v1/workspace')),
  })
}

export function useMembers() {
  return useQuery({
    queryKey: keys.members,
    queryFn: async () => unwrap(await api().GET('/v1/workspace/members')).data,
  })
}

export function useChangeRole() {
  const invalidate = useInvalidate(keys.members)
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        await api().PATCH('/v1/workspace/members/{userId}', {
          params: { path: { userId } },
          body: { role },
        }),
      ),
    onSettled: invalidate,
  })
}

export function useInvite() {
  const invalidate = useInvalidate(keys.invitations)
  return useMutation({
    mutationFn: async (body: { email: string; role: Role }) =>
      unwrap(await api().POST('/v1/workspace/invitations', { body })),
    onSettled: invalidate,
  })
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: async () => unwrap(await api().GET('/v1/api-keys')).data,
  })
}

export function useCreateApiKey() {
  const invalidate = useInvalidate(keys.apiKeys)
  return useMutation({
    mutationFn: async (body: { name: string; role: Role }) =>
      unwrap(await api().POST('/v1/api-keys', { body })),
    onSettled: invalidate,
  })
}

export function useRevokeApiKey() {
  const invalidate = useInvalidate(keys.apiKeys)
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}

export function useSlots() {
  return useQuery({
    queryKey: keys.slots,
    queryFn: async () => unwrap(await api().GET('/v1/workspace/slots')),
  })
}

export function useSaveSlots() {
  const invalidate = useInvalidate(keys.slots)
  return useMutation({
    mutationFn: async (body: { timeZone: string; slots: { weekday: number; time: string }[] }) =>
      unwrap(await api().PUT('/v1/workspace/slots', { body })),
    onSettled: invalidate,
  })
}

export const WEBHOOK_EVENTS = [
  'post.published',
  'post.failed',
  'post.partially_published',
  'interaction.received',
  'account.needs_reconnect',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export function useWebhooks() {
  return useQuery({
    queryKey: keys.webhooks,
    queryFn: async () => unwrap(await api().GET('/v1/webhooks')).data,
  })
}

export function useCreateWebhook() {
  const invalidate = useInvalidate(keys.webhooks)
  return useMutation({
    mutationFn: async (body: { url: string; events: WebhookEvent[] }) =>
      unwrap(await api().POST('/v1/webhooks', { body })),
    onSettled: invalidate,
  })
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate(keys.webhooks)
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/webhooks/endpoints/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}
