import type { Interaction, Platform } from '@statex/core'
import { z } from 'zod'

/**
 * One `messaging[]` item of a Messenger or Instagram messaging webhook: a message (not the
 * account's own echo) or a reaction to one.
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#event-notifications
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks/examples#messages
 */
export const messagingItemSchema = z.looseObject({
  sender: z.looseObject({ id: z.string() }),
  recipient: z.looseObject({ id: z.string() }),
  timestamp: z.number(),
  message: z
    .looseObject({ mid: z.string(), text: z.string().optional(), is_echo: z.boolean().optional() })
    .optional(),
  reaction: z
    .looseObject({
      mid: z.string(),
      action: z.string(),
      emoji: z.string().optional(),
      reaction: z.string().optional(),
    })
    .optional(),
})

/** The interaction a messaging item carries, or `undefined` (echoes, reads, unreacts). */
export function messagingInteraction(platform: Platform, item: unknown): Interaction | undefined {
  const parsed = messagingItemSchema.safeParse(item)
  if (!parsed.success) return undefined
  const { sender, timestamp, message, reaction } = parsed.data
  const author = { externalId: sender.id }
  if (message && !message.is_echo) {
    return {
      platform,
      externalId: message.mid,
      type: 'MESSAGE',
      author,
      text: message.text ?? '[attachment]',
      conversationId: sender.id,
      createdAt: new Date(timestamp),
      raw: item,
    }
  }
  if (reaction && reaction.action === 'react') {
    return {
      platform,
      externalId: `reaction:${reaction.mid}:${sender.id}`,
      type: 'REACTION',
      author,
      reaction: reaction.emoji ?? reaction.reaction ?? '',
      parentExternalId: reaction.mid,
      conversationId: sender.id,
      createdAt: new Date(timestamp),
      raw: item,
    }
  }
  return undefined
}

/** A messaging item as the simulators push it (timestamp in milliseconds). */
export function messagingPayload(input: {
  object: 'page' | 'instagram'
  accountId: string
  senderId: string
  mid: string
  text: string
  at: number
}) {
  return {
    object: input.object,
    entry: [
      {
        id: input.accountId,
        time: input.at,
        messaging: [
          {
            sender: { id: input.senderId },
            recipient: { id: input.accountId },
            timestamp: input.at,
            message: { mid: input.mid, text: input.text },
          },
        ],
      },
    ],
  }
}

/** A Send API text reply (`messaging_type: RESPONSE`, allowed inside the 24-hour window). */
export const sendApiResponse = (recipientId: string, text: string) => ({
  recipient: { id: recipientId },
  messaging_type: 'RESPONSE',
  message: { text },
})

/**
 * A `changes` webhook as the simulators push it (Page `feed` and `mention`, Instagram `comments`
 * and `mentions`): one entry for the account, `time` in seconds as Meta sends it.
 */
export function changePayload<V extends Record<string, unknown>>(input: {
  object: 'page' | 'instagram'
  accountId: string
  at: number
  field: string
  value: V
}) {
  return {
    object: input.object,
    entry: [
      {
        id: input.accountId,
        time: Math.floor(input.at / 1000),
        changes: [{ field: input.field, value: input.value }],
      },
    ],
  }
}
