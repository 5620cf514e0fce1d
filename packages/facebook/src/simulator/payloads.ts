import { changePayload, messagingPayload } from '@statex/graph/testing'
import type { Comment, Message } from './state.js'

const unix = (ms: number) => Math.floor(ms / 1000)

/** A `feed` change for a new comment (Page webhooks reference, `feed` field). */
export function commentPayload(comment: Comment) {
  return changePayload({
    object: 'page',
    accountId: comment.pageId,
    at: comment.createdAt,
    field: 'feed',
    value: {
      from: comment.from,
      post: { status_type: 'mobile_status_update', is_published: true, id: comment.postId },
      message: comment.message,
      post_id: comment.postId,
      comment_id: comment.id,
      created_time: unix(comment.createdAt),
      item: 'comment',
      parent_id: comment.parentId ?? comment.postId,
      verb: 'add',
    },
  })
}

/** A `feed` change for a reaction on a post. */
export function reactionPayload(input: {
  pageId: string
  postId: string
  from: { id: string; name: string }
  type: string
  at: number
}) {
  return changePayload({
    object: 'page',
    accountId: input.pageId,
    at: input.at,
    field: 'feed',
    value: {
      from: input.from,
      post_id: input.postId,
      created_time: unix(input.at),
      item: 'reaction',
      parent_id: input.postId,
      reaction_type: input.type,
      verb: 'add',
    },
  })
}

/** A `mention` change: someone's post mentions the Page. */
export function mentionPayload(input: {
  pageId: string
  postId: string
  from: { id: string; name: string }
  message: string
  at: number
}) {
  return changePayload({
    object: 'page',
    accountId: input.pageId,
    at: input.at,
    field: 'mention',
    value: {
      post_id: input.postId,
      sender_name: input.from.name,
      sender_id: input.from.id,
      item: 'post',
      verb: 'add',
      message: input.message,
    },
  })
}

/** A Messenger `messages` event (timestamp in milliseconds, as Messenger sends it). */
export const messagePayload = (message: Message) =>
  messagingPayload({
    object: 'page',
    accountId: message.pageId,
    senderId: message.psid,
    mid: message.mid,
    text: message.text,
    at: message.at,
  })
