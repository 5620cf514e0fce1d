/**
 * Which Graph node and edge a Page's request reaches: the Page itself (with `/me` as the Page,
 * since the token is a Page token), or one of its posts or comments. Another Page's objects are
 * Graph's unknown object.
 */
import { graphNode, unknownObject, unknownPath } from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { listComments, writeComment } from './comments.js'
import { sendMessage } from './messenger.js'
import { pageInsightsAnswer, pageOut } from './page-figures.js'
import { postInsights } from './post-insights.js'
import {
  listPosts,
  publishFeedPost,
  publishPhoto,
  publishPhotoStory,
  publishVideo,
} from './publishing.js'
import type { Page } from './state.js'
import type { FbStore } from './store.js'
import { commentOut, postOut } from './wire.js'

export type TokenEntry = { kind: 'page'; pageId: string }

function pageFor(
  store: FbStore,
  entry: TokenEntry,
  objectPageId: string | undefined,
  id: string,
  method: string,
): Page | SimResponse {
  const page = objectPageId ? store.pages.get(objectPageId) : undefined
  if (!page || entry.kind !== 'page' || entry.pageId !== page.id) return unknownObject(id, method)
  return page
}

function pageEdge(store: FbStore, page: Page, edge: string, request: RecordedRequest): SimResponse {
  const body = request.body
  const method = request.method
  if (method === 'GET' && edge === 'insights')
    return pageInsightsAnswer({
      page,
      posts: [...store.posts.values()].filter((p) => p.pageId === page.id),
      query: request.query,
      now: store.now(),
    })
  if (method === 'POST' && edge === 'feed') return publishFeedPost(store, page, body)
  if (method === 'POST' && edge === 'photos') return publishPhoto(store, page, body)
  if (method === 'POST' && edge === 'videos') return publishVideo(store, page, body)
  if (method === 'POST' && edge === 'photo_stories') return publishPhotoStory(store, page, body)
  if (method === 'GET' && (edge === 'feed' || edge === 'published_posts'))
    return listPosts(store, page, edge, request)
  if (method === 'POST' && edge === 'messages') return sendMessage(store, page, body)
  return unknownPath(request.path)
}

/** A post or comment of the token's Page: read, delete, insights, comments. */
function objectRoute(
  store: FbStore,
  id: string,
  edge: string | undefined,
  request: RecordedRequest,
  entry: TokenEntry,
): SimResponse {
  const post = store.posts.get(id)
  const comment = store.comments.find((c) => c.id === id)
  const page = pageFor(
    store,
    entry,
    post?.pageId ?? comment?.pageId,
    id,
    request.method.toLowerCase(),
  )
  if ('status' in page) return page
  if (!edge && request.method === 'DELETE') {
    if (post) store.posts.delete(id)
    else store.comments.splice(store.comments.indexOf(comment!), 1)
    return { status: 200, body: { success: true } }
  }
  if (!edge && request.method === 'GET') {
    if (post) return { status: 200, body: postOut(store, post, request.query.get('fields') ?? '') }
    return { status: 200, body: commentOut(comment!) }
  }
  if (edge === 'insights' && request.method === 'GET' && post)
    return postInsights(post, request, store.now())
  if (edge === 'comments' && request.method === 'GET') return listComments(store, id, post, request)
  if (edge === 'comments' && request.method === 'POST')
    return writeComment(
      store,
      page,
      { postId: post?.id ?? comment!.postId, ...(comment ? { parent: comment } : {}) },
      request.body,
    )
  return unknownPath(request.path)
}

/** The answer for an authenticated Graph request made with `entry`'s token. */
export function route(store: FbStore, request: RecordedRequest, entry: TokenEntry): SimResponse {
  const node = graphNode(request)
  if (!node) return unknownPath(request.path)
  // With a Page token, /me is the Page.
  const id = node.id === 'me' ? entry.pageId : node.id
  const edge = node.edge
  if (store.pages.has(id)) {
    const page = pageFor(store, entry, id, id, request.method.toLowerCase())
    if ('status' in page) return page
    return edge
      ? pageEdge(store, page, edge, request)
      : { status: 200, body: pageOut(page, request.query.get('fields') ?? '') }
  }
  if (store.posts.has(id) || store.comments.some((c) => c.id === id))
    return objectRoute(store, id, edge, request, entry)
  return unknownObject(id, request.method.toLowerCase())
}
