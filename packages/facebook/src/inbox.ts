import { ProviderError, type AccountAuth, type Interaction } from '@statex/core'
import { walkRecentComments } from '@statex/graph'
import type { FacebookClient } from './client.js'
import type { Comment } from './schemas.js'

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

/** Comments on the Page's recent posts, polled with `walkRecentComments` of `@statex/graph`. */
export function listPageComments(
  client: FacebookClient,
  input: {
    account: AccountAuth
    cursor?: string
    since?: Date
    signal?: AbortSignal
    pageSize: number
  },
): Promise<{ items: Interaction[]; nextCursor: string }> {
  const pageId = input.account.externalAccountId
  return walkRecentComments<Comment>({
    platform: 'facebook',
    ...(input.cursor ? { cursor: input.cursor } : {}),
    ...(input.since ? { since: input.since } : {}),
    recentPosts: async () =>
      (
        await client.publishedPosts(
          pageId,
          { limit: RECENT_POSTS, fields: 'id,created_time' },
          input.signal,
        )
      ).data.map((p) => p.id),
    comments: (postId, page) =>
      client.comments(postId, { limit: input.pageSize, ...page }, input.signal),
    id: (c) => c.id,
    createdAt: (c) => new Date(c.created_time).getTime(),
    toInteraction: commentInteraction,
  })
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
