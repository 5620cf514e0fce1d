'use client'

import { useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { useInvalidateInbox } from './inbox'
import { keys } from './keys'

/** The labels the workspace's conversations carry, most used first: suggestions and the filter. */
export function useLabels() {
  return useQuery({
    queryKey: keys.labels,
    queryFn: async () => unwrap(await api().GET('/v1/conversations/labels')).data,
  })
}

/** Replaces a conversation's labels (the API trims them and drops duplicates). */
export function useSetLabels() {
  const invalidate = useInvalidateInbox()
  return useMutation({
    mutationFn: async ({ id, labels }: { id: string; labels: string[] }) =>
      unwrap(
        await api().PATCH('/v1/conversations/{id}', { params: { path: { id } }, body: { labels } }),
      ).conversation,
    onSettled: invalidate,
  })
}
