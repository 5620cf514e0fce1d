/**
 * What people do to a simulated Page, as tests and the sandbox make them happen: comments,
 * Messenger messages, reactions and mentions, each kept in the store and announced by a signed
 * Page webhook.
 */
import type { AccountAuth } from '@statex/core'
import { graphId, type WebhookPusher } from '@statex/graph/testing'
import type { PlatformSimulator } from '@statex/testkit/simulator'
import { commentPayload, mentionPayload, messagePayload, reactionPayload } from './payloads.js'
import { SIMULATED_PEOPLE } from './state.js'
import { addComment, addMessage, pageOfAccount, type FbStore } from './store.js'

/** A known person by name, a new person with that name, or the first simulated person. */
const person = (name?: string) =>
  SIMULATED_PEOPLE.find((p) => p.name === name) ??
  (name ? { id: graphId(16), name } : SIMULATED_PEOPLE[0]!)

export function createFbEvents(store: FbStore, webhooks: WebhookPusher) {
  const simulateMessage = (input: {
    account: AccountAuth
    text: string
    from?: string
    authorName?: string
  }) => {
    const page = pageOfAccount(store, input.account)
    const from = input.from ? { id: input.from } : person(input.authorName)
    const message = addMessage(store, { page, psid: from.id, text: input.text, direction: 'in' })
    webhooks.push(messagePayload(message))
    return { externalId: message.mid }
  }
  return {
    simulateMessage,
    simulateInteraction(input: Parameters<PlatformSimulator['simulateInteraction']>[0]) {
      const page = pageOfAccount(store, input.account)
      const from = person(input.authorName)
      if (!input.externalPostId) return simulateMessage({ ...input, from: from.id })
      const post = store.posts.get(input.externalPostId)
      const parent = store.comments.find((c) => c.id === input.externalPostId)
      if (!post && !parent)
        throw new Error(`The simulator has no post or comment ${input.externalPostId}`)
      const comment = addComment(store, {
        pageId: page.id,
        postId: post?.id ?? parent!.postId,
        ...(parent ? { parentId: parent.id } : {}),
        message: input.text,
        from,
      })
      webhooks.push(commentPayload(comment))
      return { externalId: comment.id }
    },
    simulateReaction(input: {
      account: AccountAuth
      externalPostId: string
      type?: string
      authorName?: string
    }) {
      const post = store.posts.get(input.externalPostId)
      if (!post) throw new Error(`The simulator has no post ${input.externalPostId}`)
      const from = person(input.authorName)
      const reaction = { from: from.name, type: input.type ?? 'like', at: store.now() }
      post.reactions.push(reaction)
      webhooks.push(
        reactionPayload({
          pageId: post.pageId,
          postId: post.id,
          from,
          type: reaction.type,
          at: reaction.at,
        }),
      )
    },
    simulateMention(input: { account: AccountAuth; text: string; authorName?: string }) {
      const page = pageOfAccount(store, input.account)
      const from = person(input.authorName)
      const postId = `${graphId(15)}_${graphId(16)}`
      webhooks.push(
        mentionPayload({ pageId: page.id, postId, from, message: input.text, at: store.now() }),
      )
      return { externalId: postId }
    },
  }
}
