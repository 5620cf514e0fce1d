'use client'

import type { paths } from '@statex/api-client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type FeedInput = NonNullable<
  paths['/v1/feeds']['post']['requestBody']
>['content']['application/json']

function useInvalidateFeeds() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: keys.feeds })
}

/** The workspace's RSS and Atom feeds and how their last poll went. */
export function useFeeds() {
  return useQuery({
    queryKey: keys.feeds,
    queryFn: async () => unwrap(await api().GET('/v1/feeds')).data,
  })
}

export function useCreateFeed() {
  const invalidate = useInvalidateFeeds()
  return useMutation({
    mutationFn: async (body: FeedInput) => unwrap(await api().POST('/v1/feeds', { body })),
    onSettled: invalidate,
  })
}

/** Pauses a feed, or resumes one (a broken feed is polled again at once). */
export function useSetFeedActive() {
  const invalidate = useInvalidateFeeds()
  return useMutation({
    mutationFn: async ({ id, active }: { id: string; active: boolean }) =>
      unwrap(await api().PATCH('/v1/feeds/{id}', { params: { path: { id } }, body: { active } })),
    onSettled: invalidate,
  })
}

export function useDeleteFeed() {
  const invalidate = useInvalidateFeeds()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/feeds/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}
