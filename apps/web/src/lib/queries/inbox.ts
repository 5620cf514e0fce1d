'use client'

import type { components } from '@statex/api-client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type Interaction = components['schemas']['Interaction']
export type InteractionType = 'COMMENT' | 'LIKE' | 'SHARE' | 'MENTION' | 'MESSAGE' | 'REACTION'
export type Sentiment = 'positive' | 'neutral' | 'negative'
export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'snoozed'

export interface InboxFilters {
  platform: string
  type: '' | InteractionType
  sentiment: '' | Sentiment
  /** A conversation label (GET /v1/conversations/labels), or '' for any. */
  label: string
  unreplied: boolean
}

/**
 * Live updates by polling every few seconds: the browser reaches the API only through the
 * dashboard's same-origin proxy (a request-response route handler), the API has no event stream,
 * and a 50-item page every 5 s costs less than a connection held open per tab through that proxy.
 * TanStack Query pauses it while the tab is hidden.
 */
const LIVE_MS = 5_000

const filterQuery = (f: Omit<InboxFilters, 'unreplied'>) => ({
  ...(f.platform ? { platform: f.platform } : {}),
  ...(f.type ? { type: f.type } : {}),
  ...(f.sentiment ? { sentiment: f.sentiment } : {}),
  ...(f.label ? { label: f.label } : {}),
})

export function useInteractions(filters: InboxFilters) {
  return useQuery({
    queryKey: keys.interactions(filters),
    queryFn: async () =>
      unwrap(
        await api().GET('/v1/interactions', {
          params: {
            query: {
              limit: 50,
              ...filterQuery(filters),
              ...(filters.unreplied ? { unreplied: 'true' } : {}),
            },
          },
        }),
      ).data,
    refetchInterval: LIVE_MS,
  })
}

/** What waits for an answer, per platform, under the type, sentiment and label filters. */
export function useNeedsReplyCounts(filters: Pick<InboxFilters, 'type' | 'sentiment' | 'label'>) {
  return useQuery({
    queryKey: ['interactions', 'counts', filters],
    queryFn: async () =>
      unwrap(
        await api().GET('/v1/interactions/counts', {
          params: { query: filterQuery({ platform: '', ...filters }) },
        }),
      ).needsReply,
    refetchInterval: LIVE_MS,
  })
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: keys.conversation(id),
    enabled: id !== null,
    queryFn: async () =>
      unwrap(await api().GET('/v1/conversations/{id}', { params: { path: { id: id! } } })),
    refetchInterval: LIVE_MS,
  })
}

/** After any inbox write: the list, its counts, the open conversation and the labels in use. */
export function useInvalidateInbox() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: keys.inbox })
}

export function useUpdateConversation() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async ({
      id,
      ...body
    }: {
      id: string
      status?: ConversationStatus
      snoozedUntil?: string
      assigneeUserId?: string | null
    }) =>
      unwrap(await api().PATCH('/v1/conversations/{id}', { params: { path: { id } }, body }))
        .conversation,
    onSettled: invalidate,
  })
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

/** Asks the API's AI tiers for a draft now (replacing any waiting one). */
export function useDraftNow() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().POST('/v1/interactions/{id}/draft', { params: { path: { id } } })),
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
