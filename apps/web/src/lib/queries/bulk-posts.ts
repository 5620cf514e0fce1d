'use client'

import type { Post } from '@statex/api-client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ApiCallError, api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type BulkAction = 'cancel' | 'retry' | 'delete'

/** Which selected posts an action applies to: the API would refuse the others with a 409. */
export const APPLIES: Record<BulkAction, (post: Post) => boolean> = {
  cancel: (post) => post.targets.some((t) => t.status === 'SCHEDULED'),
  retry: (post) => post.targets.some((t) => t.status === 'FAILED' || t.status === 'UNKNOWN'),
  delete: () => true,
}

export interface BulkResult {
  done: string[]
  refused: { id: string; message: string }[]
}

// A few at a time: the API's rate limit is per session, and one refusal must not stop the rest.
const PARALLEL = 4

async function runOne(action: BulkAction, id: string): Promise<void> {
  const params = { path: { id } }
  if (action === 'delete') unwrap(await api().DELETE('/v1/posts/{id}', { params }))
  else if (action === 'cancel') unwrap(await api().POST('/v1/posts/{id}/cancel', { params }))
  else unwrap(await api().POST('/v1/posts/{id}/retry', { params }))
}

/**
 * One action on several posts through the same per-post routes a single click uses, so every
 * post gets the API's own checks; the result says which went through and why others did not.
 */
export function useBulkPostAction() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ action, ids }: { action: BulkAction; ids: string[] }) => {
      const result: BulkResult = { done: [], refused: [] }
      const queue = [...ids]
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            await runOne(action, id)
            result.done.push(id)
          } catch (error) {
            result.refused.push({
              id,
              message: error instanceof ApiCallError ? error.message : String(error),
            })
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker))
      return result
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.posts }),
  })
}
