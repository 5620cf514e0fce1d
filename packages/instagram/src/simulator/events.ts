/**
 * What people do to a simulated account, as tests and the sandbox make them happen: comments,
 * mentions and direct messages, each kept in the store and announced by a signed webhook.
 */
import { randomBytes } from 'node:crypto'
import type { AccountAuth } from '@statex/core'
import { graphId, type WebhookPusher } from '@statex/graph/testing'
import type { PlatformSimulator } from '@statex/testkit/simulator'
import { dmPayload } from './messaging.js'
import { commentPayload, mentionPayload } from './payloads.js'
import { SIMULATED_FOLLOWERS, type Media } from './state.js'
import { accountOf, addComment, addDm, type IgStore } from './store.js'

interface PersonInput {
  account: AccountAuth
  text: string
  authorName?: string
}

/** A known follower by username, a new person with that name, or the first follower. */
const follower = (name?: string) =>
  SIMULATED_FOLLOWERS.find((f) => f.username === name) ??
  (name
    ? { id: graphId(17), username: name.toLowerCase().replace(/\W+/g, '_') }
    : SIMULATED_FOLLOWERS[0]!)

export function createIgEvents(store: IgStore, webhooks: WebhookPusher) {
  const simulateMessage = (input: PersonInput) => {
    const dm = addDm(store, {
      account: accountOf(store, input.account),
      igsid: follower(input.authorName).id,
      text: input.text,
      direction: 'in',
    })
    webhooks.push(dmPayload(dm))
    return { externalId: dm.mid }
  }
  return {
    simulateMessage,
    simulateInteraction(input: Parameters<PlatformSimulator['simulateInteraction']>[0]) {
      const account = accountOf(store, input.account)
      if (!input.externalPostId) return simulateMessage(input)
      const item = store.media.get(input.externalPostId)
      const parent = store.comments.find((c) => c.id === input.externalPostId)
      if (!item && !parent)
        throw new Error(`The simulator has no media or comment ${input.externalPostId}`)
      const comment = addComment(store, {
        userId: account.id,
        mediaId: item?.id ?? parent!.mediaId,
        ...(parent ? { parentId: parent.id } : {}),
        text: input.text,
        from: follower(input.authorName),
      })
      webhooks.push(commentPayload(comment, store.media.get(comment.mediaId)!.productType))
      return { externalId: comment.id }
    },
    simulateMention(input: PersonInput) {
      const account = accountOf(store, input.account)
      const mediaId = graphId(17)
      const item: Media = {
        id: mediaId,
        userId: account.id,
        containerId: '',
        caption: 'Someone else\u2019s post',
        mediaType: 'IMAGE',
        productType: 'FEED',
        createdAt: store.now(),
        shortcode: randomBytes(8).toString('base64url'),
      }
      // The mentioning comment lives on someone else's media; the simulator keeps it so a reply can find it.
      const comment = addComment(store, {
        userId: account.id,
        mediaId: item.id,
        text: input.text,
        from: follower(input.authorName),
      })
      webhooks.push(
        mentionPayload({
          userId: account.id,
          mediaId,
          commentId: comment.id,
          at: comment.createdAt,
        }),
      )
      return { externalId: comment.id, mediaId }
    },
  }
}
