/**
 * A post's or comment's `comments` edge as Graph answers a Page: `since`, `filter=toplevel` and
 * `order` on reads, and the Page's own comments and replies on writes.
 * @see https://developers.facebook.com/docs/graph-api/reference/object/comments
 */
import { bodyString, graphPage, graphSince, parameterError } from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import type { Comment, Page, Post } from './state.js'
import { addComment, type FbStore } from './store.js'
import { commentOut } from './wire.js'

/** `GET /{object-id}/comments`: a post's comments, or a comment's replies. */
export function listComments(
  store: FbStore,
  id: string,
  post: Post | undefined,
  request: RecordedRequest,
): SimResponse {
  const since = graphSince(request)
  const topLevel = request.query.get('filter') === 'toplevel'
  const list = store.comments
    .filter(
      (c) =>
        (post ? c.postId === id && (!topLevel || !c.parentId) : c.parentId === id) &&
        c.createdAt >= since,
    )
    .sort((a, b) =>
      request.query.get('order') === 'reverse_chronological'
        ? b.createdAt - a.createdAt
        : a.createdAt - b.createdAt,
    )
  return { status: 200, body: graphPage(list.map(commentOut), request) }
}

/** `POST /{object-id}/comments`: the Page comments on a post, or replies to a comment. */
export function writeComment(
  store: FbStore,
  page: Page,
  at: { postId: string; parent?: Comment },
  body: unknown,
): SimResponse {
  const message = bodyString(body, 'message')
  if (!message) return parameterError('The parameter message is required.')
  const created = addComment(store, {
    pageId: page.id,
    postId: at.postId,
    ...(at.parent ? { parentId: at.parent.id } : {}),
    message,
    from: { id: page.id, name: page.name },
  })
  return { status: 200, body: { id: created.id } }
}
