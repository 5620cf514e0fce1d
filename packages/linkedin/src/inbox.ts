import type { Interaction } from '@statex/core'
import { decodeCursor, encodeCursor } from '@statex/core/adapter'
import type { LinkedInClient } from './client.js'
import type { LinkedInComment } from './schemas.js'

/**
 * Where polling stands, in `nextCursor` (base64url JSON). A pass reads the comments of the
 * account's most recent posts, post by post and page by page; `since` keeps the newest comment
 * time of the last finished pass, so the next pass returns only newer comments.
 */
interface CommentsCursor {
  v: 1
  posts?: string[]
  index: number
  start: number
  since?: number
  newest?: number
}

const isCursor = (value: unknown): value is CommentsCursor =>
  typeof value === 'object' &&
  value !== null &&
  (value as CommentsCursor).v === 1 &&
  typeof (value as CommentsCursor).index === 'number'
const encode = (cursor: CommentsCursor) => encodeCursor(cursor)

export function commentUrnOf(comment: LinkedInComment, post: string): string {
  return comment.$URN ?? comment.commentUrn ?? `urn:li:comment:(${post},${comment.id ?? ''})`
}

export function commentToInteraction(comment: LinkedInComment, post: string): Interaction {
  return {
    platform: 'linkedin',
    externalId: commentUrnOf(comment, post),
    type: 'COMMENT',
    author: { externalId: comment.actor },
    text: comment.message.text,
    externalPostId: post,
    ...(comment.parentComment ? { parentExternalId: comment.parentComment } : {}),
    conversationId: post,
    createdAt: new Date(comment.created?.time ?? Date.now()),
    raw: comment,
  }
}

/** One page of comments (GET /rest/socialActions/{post}/comments), over the account's recent posts. */
export async function listComments(
  client: LinkedInClient,
  input: {
    author: string
    cursor?: string
    since?: Date
    pageSize: number
    recentPosts: number
    signal?: AbortSignal
  },
): Promise<{ items: Interaction[]; nextCursor: string }> {
  const state = decodeCursor(
    'linkedin',
    input.cursor,
    { v: 1, index: 0, start: 0 } as CommentsCursor,
    isCursor,
  )
  const posts =
    state.posts ??
    (
      await client.postsByAuthor(input.author, { start: 0, count: input.recentPosts }, input.signal)
    ).elements.map((p) => p.id)
  const post = posts[state.index]
  if (!post)
    return {
      items: [],
      nextCursor: encode({
        v: 1,
        index: 0,
        start: 0,
        ...(state.since ? { since: state.since } : {}),
      }),
    }
  const page = await client.comments(
    post,
    { start: state.start, count: input.pageSize },
    input.signal,
  )
  const fresh = page.elements.filter(
    (c) => state.since === undefined || (c.created?.time ?? 0) > state.since,
  )
  const items = fresh
    .filter((c) => c.actor !== input.author)
    .map((c) => commentToInteraction(c, post))
    .filter((i) => !input.since || i.createdAt >= input.since)
  const newest =
    Math.max(state.newest ?? 0, ...page.elements.map((c) => c.created?.time ?? 0)) || undefined
  const more = page.elements.length === input.pageSize
  let next: CommentsCursor
  if (more)
    next = { ...state, posts, start: state.start + input.pageSize, ...(newest ? { newest } : {}) }
  else if (state.index + 1 < posts.length)
    next = { ...state, posts, index: state.index + 1, start: 0, ...(newest ? { newest } : {}) }
  else {
    const since = Math.max(newest ?? 0, state.since ?? 0) || undefined
    next = { v: 1, index: 0, start: 0, ...(since ? { since } : {}) }
  }
  return { items, nextCursor: encode(next) }
}
