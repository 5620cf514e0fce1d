import type { Interaction, InteractionType } from '@statex/core'

/** Types that wait for an answer; likes, shares and reactions only count. */
export const REPLY_QUEUE_TYPES: ReadonlySet<InteractionType> = new Set([
  'COMMENT',
  'MENTION',
  'MESSAGE',
])

export interface ConversationKey {
  key: string
  kind: 'comments' | 'direct'
}

/**
 * The conversation an interaction belongs to, computed from the interaction alone so that any
 * order of deliveries (a reply before its parent, a poll racing a webhook) lands in the same row:
 * a message goes to its chat (or its author when the platform names no chat: a WhatsApp number),
 * a comment or mention to the comments under its post, else to its platform thread.
 */
export function conversationKeyOf(item: Interaction): ConversationKey | null {
  if (!REPLY_QUEUE_TYPES.has(item.type)) return null
  if (item.type === 'MESSAGE')
    return { key: `chat:${item.conversationId ?? item.author.externalId}`, kind: 'direct' }
  if (item.externalPostId) return { key: `post:${item.externalPostId}`, kind: 'comments' }
  return {
    key: `thread:${item.conversationId ?? item.parentExternalId ?? item.externalId}`,
    kind: 'comments',
  }
}
