'use client'

import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { useInvalidateInbox } from './inbox'

/** Adds an internal note to a conversation: seen by the team, never sent to the platform. */
export function useAddNote() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async ({ conversationId, text }: { conversationId: string; text: string }) =>
      unwrap(
        await api().POST('/v1/conversations/{id}/notes', {
          params: { path: { id: conversationId } },
          body: { text },
        }),
      ).note,
    onSettled: invalidate,
  })
}
