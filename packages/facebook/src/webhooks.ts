import type { Interaction, WebhookEvent } from '@statex/core'
import { graphWebhookEntries, messagingInteraction } from '@statex/graph'
import { z } from 'zod'
import { commentInteraction } from './inbox.js'

/**
 * Page webhooks (`object: "page"`): `changes` for the `feed` and `mention` fields, `messaging`
 * for Messenger (`messages`, `message_reactions`). Unknown fields pass through untouched.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#event-notifications
 */
const from = z.looseObject({ id: z.string(), name: z.string().optional() })
const feedValue = z.looseObject({
  item: z.string(),
  verb: z.string(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  reaction_type: z.string().optional(),
  from: from.optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
})
const mentionValue = z.looseObject({
  item: z.string(),
  verb: z.string(),
  post_id: z.string(),
  comment_id: z.string().optional(),
  sender_id: z.string().optional(),
  sender_name: z.string().optional(),
  message: z.string().optional(),
})
const toDate = (value: number | string | undefined, fallback: number | undefined) => {
  if (typeof value === 'number') return new Date(value * 1000)
  if (typeof value === 'string') return new Date(value)
  return new Date((fallback ?? 0) * 1000)
}

function feedInteraction(
  value: z.infer<typeof feedValue>,
  time: number | undefined,
): Interaction | undefined {
  if (value.verb !== 'add') return undefined
  const author = {
    externalId: value.from?.id ?? 'unknown',
    ...(value.from?.name ? { name: value.from.name } : {}),
  }
  if (value.item === 'comment' && value.comment_id && value.post_id) {
    return commentInteraction(
      {
        id: value.comment_id,
        message: value.message,
        created_time: toDate(value.created_time, time).toISOString(),
        ...(value.from ? { from: value.from } : {}),
        ...(value.parent_id && value.parent_id !== value.post_id
          ? { parent: { id: value.parent_id } }
          : {}),
      },
      value.post_id,
    )
  }
  if (value.item === 'reaction' && value.post_id) {
    const on = value.comment_id ?? value.post_id
    return {
      platform: 'facebook',
      externalId: `reaction:${on}:${author.externalId}`,
      type: 'REACTION',
      author,
      reaction: value.reaction_type ?? 'like',
      externalPostId: value.post_id,
      ...(value.comment_id ? { parentExternalId: value.comment_id } : {}),
      createdAt: toDate(value.created_time, time),
      raw: value,
    }
  }
  return undefined
}

/**
 * Turns a Page webhook body into interactions: feed comments and reactions, mentions of the Page,
 * Messenger messages and reactions. The Page's own echoes and anything unrecognised are skipped,
 * so one odd item never loses the rest.
 */
export function parseFacebookWebhook(body: unknown): WebhookEvent[] {
  const events: WebhookEvent[] = []
  const add = (accountExternalId: string, interaction: Interaction | undefined) => {
    if (interaction) events.push({ kind: 'interaction', accountExternalId, interaction })
  }
  for (const entry of graphWebhookEntries('page', body)) {
    for (const change of entry.changes ?? []) {
      if (change.field === 'feed') {
        const value = feedValue.safeParse(change.value)
        // A comment the Page itself wrote is not something to answer.
        if (value.success && value.data.from?.id !== entry.id)
          add(entry.id, feedInteraction(value.data, entry.time))
      } else if (change.field === 'mention') {
        const value = mentionValue.safeParse(change.value)
        if (value.success && value.data.verb === 'add') {
          const id = value.data.comment_id ?? value.data.post_id
          add(entry.id, {
            platform: 'facebook',
            externalId: id,
            type: 'MENTION',
            author: {
              externalId: value.data.sender_id ?? 'unknown',
              ...(value.data.sender_name ? { name: value.data.sender_name } : {}),
            },
            ...(value.data.message !== undefined ? { text: value.data.message } : {}),
            externalPostId: value.data.post_id,
            conversationId: id,
            createdAt: toDate(undefined, entry.time),
            raw: value.data,
          })
        }
      }
    }
    for (const item of entry.messaging ?? []) {
      add(entry.id, messagingInteraction('facebook', item))
    }
  }
  return events
}
