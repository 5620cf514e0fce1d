/**
 * Comments as Instagram answers them: a media's top-level comments with paging, a comment's
 * replies, the account's own comments and replies, and the reply to a mention (`/mentions`).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments
 */
import { bodyString, graphPage, parameterError, unknownPath } from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import type { IgAccount, IgComment, Media } from './state.js'
import { addComment, type IgStore } from './store.js'
import { commentOut } from './wire.js'

/** The account writes a comment or reply; Graph wants a `message`. */
function writeAs(
  store: IgStore,
  self: IgAccount,
  body: unknown,
  at: { userId: string; mediaId: string; parentId?: string },
): SimResponse {
  const message = bodyString(body, 'message')
  if (!message) return parameterError('The parameter message is required.')
  const c = addComment(store, {
    ...at,
    text: message,
    from: { id: self.id, username: self.username },
  })
  return { status: 200, body: { id: c.id } }
}

/** `GET|POST /{ig-media-id}/comments`. */
export function mediaComments(
  store: IgStore,
  self: IgAccount,
  item: Media,
  request: RecordedRequest,
): SimResponse {
  if (request.method === 'GET') {
    const list = store.comments
      .filter((c) => c.mediaId === item.id && !c.parentId)
      .sort((a, b) => a.createdAt - b.createdAt)
    return { status: 200, body: graphPage(list.map(commentOut), request) }
  }
  if (request.method === 'POST')
    return writeAs(store, self, request.body, { userId: item.userId, mediaId: item.id })
  return unknownPath(request.path)
}

/** `GET /{ig-comment-id}`, `GET|POST /{ig-comment-id}/replies`. */
export function commentNode(
  store: IgStore,
  self: IgAccount,
  comment: IgComment,
  edge: string | undefined,
  request: RecordedRequest,
): SimResponse {
  const method = request.method
  if (edge === 'replies' && method === 'POST')
    return writeAs(store, self, request.body, {
      userId: comment.userId,
      mediaId: comment.mediaId,
      parentId: comment.id,
    })
  if (edge === 'replies' && method === 'GET')
    return {
      status: 200,
      body: graphPage(
        store.comments.filter((c) => c.parentId === comment.id).map(commentOut),
        request,
      ),
    }
  if (!edge && method === 'GET') return { status: 200, body: commentOut(comment) }
  return unknownPath(request.path)
}

/** `POST /{ig-user-id}/mentions`: a reply to a comment that mentioned the account. */
export function replyToMention(store: IgStore, self: IgAccount, body: unknown): SimResponse {
  const message = bodyString(body, 'message')
  const commentId = bodyString(body, 'comment_id')
  const parent = store.comments.find(
    (c) => c.id === commentId && c.mediaId === bodyString(body, 'media_id'),
  )
  if (!message || !parent) return parameterError('media_id, comment_id and message are required.')
  const reply = addComment(store, {
    userId: parent.userId,
    mediaId: parent.mediaId,
    parentId: parent.id,
    text: message,
    from: { id: self.id, username: self.username },
  })
  return { status: 200, body: { id: reply.id } }
}
