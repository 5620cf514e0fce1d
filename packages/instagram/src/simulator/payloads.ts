import type { IgComment } from './state.js'

const unix = (ms: number) => Math.floor(ms / 1000)

/** A `comments` change (Instagram webhooks, comments field). */
export function commentPayload(comment: IgComment, productType: string) {
  return {
    object: 'instagram',
    entry: [
      {
        id: comment.userId,
        time: unix(comment.createdAt),
        changes: [
          {
            field: 'comments',
            value: {
              from: comment.from,
              media: { id: comment.mediaId, media_product_type: productType },
              id: comment.id,
              ...(comment.parentId ? { parent_id: comment.parentId } : {}),
              text: comment.text,
            },
          },
        ],
      },
    ],
  }
}

/** A `mentions` change: the account was @-mentioned in a comment on someone's media. */
export function mentionPayload(input: {
  userId: string
  mediaId: string
  commentId: string
  at: number
}) {
  return {
    object: 'instagram',
    entry: [
      {
        id: input.userId,
        time: unix(input.at),
        changes: [
          { field: 'mentions', value: { media_id: input.mediaId, comment_id: input.commentId } },
        ],
      },
    ],
  }
}
