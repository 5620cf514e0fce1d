/**
 * Which Instagram Graph node and edge a request reaches: the account, a container, a media or a
 * comment, each only for the account whose token it is (anything else is Graph's unknown object).
 */
import {
  graphError,
  graphNode,
  graphPage,
  graphSince,
  unknownObject,
  unknownPath,
} from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { accountInsights, accountProfile } from './account-insights.js'
import { commentNode, mediaComments, replyToMention } from './comments.js'
import { mediaInsights } from './media-insights.js'
import { sendMessage } from './messaging.js'
import { createContainer, publish, publishingLimit, statusOf } from './publishing.js'
import type { IgAccount, Media } from './state.js'
import { commentCount, type IgStore } from './store.js'
import { mediaOut } from './wire.js'

export type TokenEntry = { userId: string }

function accountEdge(
  store: IgStore,
  self: IgAccount,
  edge: string | undefined,
  request: RecordedRequest,
): SimResponse {
  const method = request.method
  if (edge === 'content_publishing_limit' && method === 'GET') return publishingLimit(store, self)
  if (edge === 'media' && method === 'POST') return createContainer(store, self, request.body)
  if (edge === 'media_publish' && method === 'POST') return publish(store, self, request.body)
  if (edge === 'media' && method === 'GET') {
    const since = graphSince(request)
    const list = [...store.media.values()]
      .filter((m) => m.userId === self.id && m.productType !== 'STORY' && m.createdAt >= since)
      .sort((a, b) => b.createdAt - a.createdAt)
    return {
      status: 200,
      body: graphPage(
        list.map((m) => mediaOut(store, m)),
        request,
      ),
    }
  }
  if (edge === 'mentions' && method === 'POST') return replyToMention(store, self, request.body)
  if (edge === 'insights' && method === 'GET')
    return accountInsights({
      account: self,
      media: [...store.media.values()].filter((m) => m.userId === self.id),
      comments: (mediaId) => commentCount(store, mediaId),
      query: request.query,
      now: store.now(),
    })
  if (!edge && method === 'GET') {
    const count = [...store.media.values()].filter((m) => m.userId === self.id).length
    return { status: 200, body: accountProfile(self, count, request.query.get('fields') ?? '') }
  }
  return unknownPath(request.path)
}

function mediaEdge(
  store: IgStore,
  self: IgAccount,
  item: Media,
  edge: string | undefined,
  request: RecordedRequest,
): SimResponse {
  const method = request.method
  if (!edge && method === 'GET') return { status: 200, body: mediaOut(store, item) }
  // The Instagram Graph API cannot delete media.
  if (!edge && method === 'DELETE')
    return graphError({
      status: 400,
      code: 100,
      type: 'GraphMethodException',
      message: 'Unsupported delete request.',
    })
  if (edge === 'insights' && method === 'GET') return mediaInsights(store, item, request)
  if (edge === 'comments') return mediaComments(store, self, item, request)
  return unknownPath(request.path)
}

export function route(store: IgStore, request: RecordedRequest, entry: TokenEntry): SimResponse {
  const node = graphNode(request)
  if (!node) return unknownPath(request.path)
  const { id, edge } = node
  const method = request.method
  const self = store.accounts.get(entry.userId)!
  const notYours = () => unknownObject(id, method.toLowerCase())
  if (id === 'me' && edge === 'messages' && method === 'POST')
    return sendMessage(store, self, request.body)
  if (id === 'me' && !edge) return { status: 200, body: { id: self.id, username: self.username } }
  if (store.accounts.has(id))
    return id === entry.userId ? accountEdge(store, self, edge, request) : notYours()
  const container = store.containers.get(id)
  if (container) {
    if (container.userId !== entry.userId || edge) return notYours()
    return { status: 200, body: { id: container.id, ...statusOf(store, container) } }
  }
  const item = store.media.get(id)
  if (item)
    return item.userId === entry.userId ? mediaEdge(store, self, item, edge, request) : notYours()
  const comment = store.comments.find((c) => c.id === id)
  if (comment)
    return comment.userId === entry.userId
      ? commentNode(store, self, comment, edge, request)
      : notYours()
  return notYours()
}
