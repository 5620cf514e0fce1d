'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export function useInteractions(filters: { unreplied: boolean }) {
  return useQuery({
    queryKey: keys.interactions(filters),
    queryFn: async () =>
      unwrap(
        await api().GET('/v1/interactions', {
          params: { query: { limit: 50, ...(filters.unreplied ? { unreplied: 'true' } : {}) } },
        }),
      ).data,
    // New comments arrive from the platforms' webhooks; poll rather than hold a connection open.
    refetchInterval: 15_000,
  })
}

function useInvalidateInbox() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: ['interactions'] })
}

/** Replies on the platform; without text, sends the AI draft as it is. */
export function useReply() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async ({ id, text }: { id: string; text?: string }) =>
      unwrap(
        await api().POST('/v1/interactions/{id}/reply', {
          params: { path: { id } },
          body: text ? { text } : {},
        }),
      ).interaction,
    onSettled: invalidate,
  })
}

export function useRejectDraft() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/interactions/{id}/draft', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}
