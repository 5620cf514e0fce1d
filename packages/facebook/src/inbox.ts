import { ProviderError, type AccountAuth, type Interaction } from '@statex/core'
import { nextCursor } from '@statex/graph'
import type { FacebookClient } from './client.js'
import type { Comment } from './schemas.js'

/**
 * Where `listInteractions` stands: the recent posts being walked, which one, the comment cursor
 * inside it, and the newest comment time seen (with the ids at that second) so the next walk asks
 * only for newer comments. Opaque to callers (base64url JSON).
 */
interface Cursor {
  posts?: string[]
  i: number
  after?: string
  /** This walk asks for comments since this second (Unix; Graph's `since` is inclusive)… */
  from?: number
  /** …except these ids, returned at second `from` by the walk before. */
  fromSeen?: string[]
  /** Newest `created_time` seen so far, and the ids at that second: the next walk's `from`. */
  t?: number
  seen?: string[]
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url')

function decode(value: string | undefined, since: Date | undefined): Cursor {
  if (!value) return { i: 0, ...(since ? { from: Math.floor(since.getTime() / 1000) } : {}) }
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor
    if (typeof parsed.i === 'number') return parsed
  } catch {
    // fall through
  }
  throw new ProviderError({
    kind: 'invalid_request',
    platform: 'facebook',
    message: 'The interactions cursor is not one this adapter gave out; start again without it.',
  })
}

/** How many of the Page's most recent posts each walk looks at for new comments. */
export const RECENT_POSTS = 25

export function commentInteraction(comment: Comment, postId: string): Interaction {
  return {
    platform: 'facebook',
    externalId: comment.id,
    type: 'COMMENT',
    // Graph leaves `from` out for people who did not allow apps to see them.
    author: {
      externalId: comment.from?.id ?? 'unknown',
      ...(comment.from?.name ? { name: comment.from.name } : {}),
    },
    ...(comment.message !== undefined ? { text: comment.message } : {}),
    externalPostId: postId,
    ...(comment.parent ? { parentExternalId: comment.parent.id } : {}),
    conversationId: comment.id,
    createdAt: new Date(comment.created_time),
    raw: comment,
  }
}

/**
 * Comments on the Page's recent posts, one Graph page at a time. The cursor always comes back:
 * at the end of a walk it marks the newest comment seen, so asking again with it returns only
 * comments written since (polling never repeats an item).
 */
export async function listPageComments(
  client: FacebookClient,
  input: {
    account: AccountAuth
    cursor?: string
    since?: Date
    signal?: AbortSignal
    pageSize: number
  },
): Promise<{ items: Interaction[]; nextCursor: string }> {
  const state = decode(input.cursor, input.since)
  const posts =
    state.posts ??
    (
      await client.publishedPosts(
        input.account.externalAccountId,
        { limit: RECENT_POSTS, fields: 'id,created_time' },
        input.signal,
      )
    ).data.map((p) => p.id)
  const { from, fromSeen = [] } = state
  let { i, after, t = from, seen = fromSeen } = state
  const walk = () => ({
    posts,
    i,
    ...(after ? { after } : {}),
    ...marks('from', from, fromSeen),
    ...marks('t', t, seen),
  })
  while (i < posts.length) {
    const postId = posts[i]!
    const page = await client.comments(
      postId,
      {
        limit: input.pageSize,
        ...(after ? { after } : {}),
        ...(from !== undefined ? { since: from } : {}),
      },
      input.signal,
    )
    const fresh = page.data.filter((c) => {
      const at = seconds(c.created_time)
      return from === undefined || at > from || (at === from && !fromSeen.includes(c.id))
    })
    for (const c of fresh) {
      const at = seconds(c.created_time)
      if (t === undefined || at > t) {
        t = at
        seen = [c.id]
      } else if (at === t && !seen.includes(c.id)) seen = [...seen, c.id]
    }
    const more = nextCursor(page.paging)
    if (more) after = more
    else {
      i += 1
      after = undefined
    }
    if (fresh.length)
      return { items: fresh.map((c) => commentInteraction(c, postId)), nextCursor: encode(walk()) }
  }
  // The walk is over: the next one starts from the newest comment seen.
  return { items: [], nextCursor: encode({ i: 0, ...marks('from', t, seen) }) }
}

const seconds = (time: string) => Math.floor(new Date(time).getTime() / 1000)

function marks(prefix: 'from' | 't', at: number | undefined, ids: string[]) {
  if (at === undefined) return {}
  return prefix === 'from' ? { from: at, fromSeen: ids } : { t: at, seen: ids }
}

/**
 * A reply: to a comment, as a comment under it; to a Messenger message, through the Send API
 * (inside the 24-hour window, else `invalid_request` saying why); to a mention or reaction, as a
 * comment on the post it is about.
 */
export async function replyTo(
  client: FacebookClient,
  input: { account: AccountAuth; to: Interaction; text: string; signal?: AbortSignal },
): Promise<{ externalId: string }> {
  const { to } = input
  if (to.type === 'MESSAGE') {
    const answer = await client.sendMessage(
      input.account.externalAccountId,
      to.conversationId ?? to.author.externalId,
      input.text,
      input.signal,
    )
    return { externalId: answer.message_id }
  }
  const target = to.type === 'COMMENT' || to.type === 'MENTION' ? to.externalId : to.externalPostId
  if (!target)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'facebook',
      message: `A ${to.type.toLowerCase()} without a post to comment on cannot be answered.`,
    })
  const answer = await client.comment(target, input.text, input.signal)
  return { externalId: answer.id }
}
