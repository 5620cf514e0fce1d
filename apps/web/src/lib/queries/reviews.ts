'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

function useInvalidatePosts() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: keys.posts })
}

/** A post's review steps and every status change of its targets, oldest first. */
export function usePostHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.post(id), 'history'],
    queryFn: async () =>
      unwrap(await api().GET('/v1/posts/{id}/history', { params: { path: { id } } })),
    enabled,
  })
}

export type ReviewStep = 'submit' | 'approve' | 'reject'

/** Submit for review, approve, or reject (a comment required), as the signed-in member. */
export function useReviewStep() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async ({
      id,
      step,
      comment,
    }: {
      id: string
      step: ReviewStep
      comment?: string
    }) => {
      const params = { path: { id } }
      const body = comment ? { comment } : {}
      if (step === 'submit')
        return unwrap(await api().POST('/v1/posts/{id}/submit', { params, body }))
      if (step === 'approve')
        return unwrap(await api().POST('/v1/posts/{id}/approve', { params, body }))
      return unwrap(
        await api().POST('/v1/posts/{id}/reject', { params, body: { comment: comment ?? '' } }),
      )
    },
    onSettled: invalidate,
  })
}

/** A signed link for a reviewer without an account; the token is shown once. */
export function useCreateReviewLink() {
  return useMutation({
    mutationFn: async ({ id, expiresInHours }: { id: string; expiresInHours: number }) =>
      unwrap(
        await api().POST('/v1/posts/{id}/review-links', {
          params: { path: { id } },
          body: { expiresInHours },
        }),
      ),
  })
}

/** The dashboard page a review link opens (the API's own `url` answers JSON). */
export function reviewPageUrl(token: string): string {
  return `${window.location.origin}/review?token=${encodeURIComponent(token)}`
}
