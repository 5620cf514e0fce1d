import { ProviderError, type Interaction, type Platform } from '@statex/core'
import type { z } from 'zod'
import { nextCursor } from './paging.js'
import type { pagingSchema } from './schemas.js'

type Paging = z.infer<typeof pagingSchema>

/**
 * Where a walk stands: the recent posts, which one, the comment cursor inside it; the second the
 * walk reads from (and the ids already returned at that second); the newest comment seen so far.
 */
interface WalkCursor {
  posts?: string[]
  i: number
  after?: string
  from?: number
  fromSeen?: string[]
  t?: number
  seen?: string[]
}

export interface CommentWalk<C> {
  platform: Platform
  cursor?: string
  since?: Date
  /** The ids of the account's recent posts, newest first. */
  recentPosts(): Promise<string[]>
  /** One page of a post's comments; `since` (Unix seconds, inclusive) where the API filters by it. */
  comments(
    postId: string,
    page: { after?: string; since?: number },
  ): Promise<{ data: C[]; paging?: Paging }>
  id(comment: C): string
  /** Creation time, in milliseconds. */
  createdAt(comment: C): number
  toInteraction(comment: C, postId: string): Interaction
}

const encode = (cursor: WalkCursor) =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')

function decode(
  platform: Platform,
  value: string | undefined,
  since: Date | undefined,
): WalkCursor {
  if (!value) return { i: 0, ...(since ? { from: Math.floor(since.getTime() / 1000) } : {}) }
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as WalkCursor
    if (typeof parsed.i === 'number') return parsed
  } catch {
    // reported below
  }
  throw new ProviderError({
    kind: 'invalid_request',
    platform,
    message: 'The interactions cursor is not one this adapter gave out; start again without it.',
  })
}

/**
 * Comments on an account's recent posts, one Graph page at a time, for polling. The cursor always
 * comes back: mid-walk it says where to go on, at the end it marks the newest comment seen, so
 * asking again with it returns only comments written since — an item is never returned twice.
 * Graph has no "comments of all my posts" edge, hence the walk.
 */
export async function walkRecentComments<C>(
  walk: CommentWalk<C>,
): Promise<{ items: Interaction[]; nextCursor: string }> {
  const state = decode(walk.platform, walk.cursor, walk.since)
  const posts = state.posts ?? (await walk.recentPosts())
  const { from, fromSeen = [] } = state
  let { i, after, t = from, seen = fromSeen } = state
  const seconds = (c: C) => Math.floor(walk.createdAt(c) / 1000)
  const marks = (at: number | undefined, ids: string[], as: 'from' | 't') =>
    at === undefined ? {} : as === 'from' ? { from: at, fromSeen: ids } : { t: at, seen: ids }

  while (i < posts.length) {
    const postId = posts[i]!
    const page = await walk.comments(postId, {
      ...(after ? { after } : {}),
      ...(from !== undefined ? { since: from } : {}),
    })
    const fresh = page.data.filter((c) => {
      const at = seconds(c)
      return from === undefined || at > from || (at === from && !fromSeen.includes(walk.id(c)))
    })
    for (const c of fresh) {
      const at = seconds(c)
      if (t === undefined || at > t) {
        t = at
        seen = [walk.id(c)]
      } else if (at === t && !seen.includes(walk.id(c))) seen = [...seen, walk.id(c)]
    }
    const more = nextCursor(page.paging)
    if (more) after = more
    else {
      i += 1
      after = undefined
    }
    if (fresh.length)
      return {
        items: fresh.map((c) => walk.toInteraction(c, postId)),
        nextCursor: encode({
          posts,
          i,
          ...(after ? { after } : {}),
          ...marks(from, fromSeen, 'from'),
          ...marks(t, seen, 't'),
        }),
      }
  }
  // The walk is over: the next one reads from the newest comment seen.
  return { items: [], nextCursor: encode({ i: 0, ...marks(t, seen, 'from') }) }
}
