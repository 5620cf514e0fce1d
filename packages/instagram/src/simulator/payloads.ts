import { changePayload } from '@statex/graph/testing'
import type { IgComment } from './state.js'

/** A `comments` change (Instagram webhooks, comments field). */
export function commentPayload(comment: IgComment, productType: string) {
  return changePayload({
    object: 'instagram',
    accountId: comment.userId,
    at: comment.createdAt,
    field: 'comments',
    value: {
      from: comment.from,
      media: { id: comment.mediaId, media_product_type: productType },
      id: comment.id,
      ...(comment.parentId ? { parent_id: comment.parentId } : {}),
      text: comment.text,
    },
  })
}

/** A `mentions` change: the account was @-mentioned in a comment on someone's media. */
export function mentionPayload(input: {
  userId: string
  mediaId: string
  commentId: string
  at: number
}) {
  return changePayload({
    object: 'instagram',
    accountId: input.userId,
    at: input.at,
    field: 'mentions',
    value: { media_id: input.mediaId, comment_id: input.commentId },
  })
}
