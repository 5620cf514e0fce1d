/** Graph's time format and list pages with opaque `after` cursors. */
import type { RecordedRequest } from '@statex/testkit/simulator'

/** Graph's time format: `2026-12-01T20:00:00+0000`. */
export const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000')

/** Graph list pages: `data`, `paging.cursors` (opaque offsets here) and `paging.next` only while there is more. */
const PAGE_SIZE_MAX = 100

/** Graph's `after` cursors: opaque base64 offsets here. */
const cursorOf = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url')
function offsetOf(cursor: string | null): number {
  if (!cursor) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : 0
}

export function graphPage<T>(items: readonly T[], request: RecordedRequest, defaultLimit = 25) {
  const limit = Math.min(
    PAGE_SIZE_MAX,
    Math.max(1, Number(request.query.get('limit') ?? defaultLimit) || defaultLimit),
  )
  const start = offsetOf(request.query.get('after'))
  const slice = items.slice(start, start + limit)
  const end = start + slice.length
  const paging: Record<string, unknown> = {
    cursors: { before: cursorOf(start), after: cursorOf(end) },
  }
  if (end < items.length) {
    const next = new URL(`https://graph.facebook.com${request.path}`)
    for (const [k, v] of request.query)
      if (k !== 'access_token' && k !== 'after') next.searchParams.set(k, v)
    next.searchParams.set('after', cursorOf(end))
    paging.next = next.toString()
  }
  return { data: slice, ...(items.length ? { paging } : {}) }
}

/** A listing's `since` parameter (Unix seconds) in milliseconds; 0 when absent. */
export const graphSince = (request: RecordedRequest) =>
  Number(request.query.get('since') ?? 0) * 1000
