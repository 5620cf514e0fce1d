import { ProviderError, type AccountAuth, type Interaction } from '@statex/core'
import { walkRecentComments } from '@statex/graph'
import type { InstagramClient } from './client.js'
import type { IgComment } from './schemas.js'

/** How many of the account's most recent media each walk looks at for new comments. */
export const RECENT_MEDIA = 25

export function commentInteraction(comment: IgComment, mediaId: string): Interaction {
  const username = comment.from?.username ?? comment.username
  return {
    platform: 'instagram',
    externalId: comment.id,
    type: 'COMMENT',
    author: {
      externalId: comment.from?.id ?? (username ? `username:${username}` : 'unknown'),
      ...(username ? { handle: `@${username}`, name: username } : {}),
    },
    ...(comment.text !== undefined ? { text: comment.text } : {}),
    externalPostId: mediaId,
    ...(comment.parent_id ? { parentExternalId: comment.parent_id } : {}),
    conversationId: comment.id,
    createdAt: new Date(comment.timestamp),
    raw: comment,
  }
}

/** Comments on the account's recent media, polled with `walkRecentComments` of `@statex/graph`. */
export function listMediaComments(
  client: InstagramClient,
  input: {
    account: AccountAuth
    cursor?: string
    since?: Date
    signal?: AbortSignal
    pageSize: number
  },
): Promise<{ items: Interaction[]; nextCursor: string }> {
  return walkRecentComments<IgComment>({
    platform: 'instagram',
    ...(input.cursor ? { cursor: input.cursor } : {}),
    ...(input.since ? { since: input.since } : {}),
    recentPosts: async () =>
      (
        await client.recentMedia(
          input.account.externalAccountId,
          { limit: RECENT_MEDIA },
          input.signal,
        )
      ).data.map((m) => m.id),
    // The comments edge takes no `since`: the walk filters by time itself.
    comments: (mediaId, page) =>
      client.comments(
        mediaId,
        { limit: input.pageSize, ...(page.after ? { after: page.after } : {}) },
        input.signal,
      ),
    id: (c) => c.id,
    createdAt: (c) => new Date(c.timestamp).getTime(),
    toInteraction: commentInteraction,
  })
}

/**
 * A reply: to a comment, under it (`/replies`); to a mention, through `/{ig-user-id}/mentions`;
 * to a direct message or its reaction, through the Send API (inside the 24-hour window, else
 * `invalid_request` saying why).
 */
export async function replyTo(
  client: InstagramClient,
  input: { account: AccountAuth; to: Interaction; text: string; signal?: AbortSignal },
): Promise<{ externalId: string }> {
  const { to } = input
  if (to.type === 'MESSAGE' || to.type === 'REACTION') {
    const answer = await client.sendMessage(
      to.conversationId ?? to.author.externalId,
      input.text,
      input.signal,
    )
    return { externalId: answer.message_id }
  }
  if (to.type === 'MENTION') {
    if (!to.externalPostId)
      throw new ProviderError({
        kind: 'invalid_request',
        platform: 'instagram',
        message: 'A mention without its media id cannot be answered.',
      })
    const answer = await client.replyToMention(
      input.account.externalAccountId,
      {
        mediaId: to.externalPostId,
        ...(to.externalId !== to.externalPostId ? { commentId: to.externalId } : {}),
        message: input.text,
      },
      input.signal,
    )
    return { externalId: answer.id }
  }
  const answer = await client.replyToComment(to.externalId, input.text, input.signal)
  return { externalId: answer.id }
}
