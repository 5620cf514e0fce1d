import type { z } from 'zod'
import type { pagingSchema } from './schemas.js'

type Paging = z.infer<typeof pagingSchema>

/**
 * The cursor of the next page of a Graph list, or `undefined` on the last page. Meta documents
 * that `next` is absent on the last page while `cursors.after` may still be present, so `after`
 * alone is no sign of more.
 * @see https://developers.facebook.com/docs/graph-api/results#cursors
 */
export function nextCursor(paging: Paging | undefined): string | undefined {
  if (!paging?.next) return undefined
  return paging.cursors?.after
}

/** A Graph edge's `limit` for one listing page: 1 to 100, default 25. */
export const graphPageSize = (n: number | undefined) =>
  Math.min(100, Math.max(1, Math.floor(n ?? 25)))
