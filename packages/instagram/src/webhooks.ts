import type { Interaction, WebhookEvent } from '@statex/core'
import { graphWebhookEntries, messagingInteraction } from '@statex/graph'
import { z } from 'zod'
import { commentInteraction } from './inbox.js'

/**
 * Instagram webhooks (`object: "instagram"`): `changes` for the `comments` and `mentions` fields,
 * `messaging` for direct messages.
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks/examples
 */
const commentValue = z.looseObject({
  id: z.string(),
  text: z.string().optional(),
  from: z.looseObject({ id: z.string(), username: z.string().optional() }).optional(),
  media: z.looseObject({ id: z.string(), media_product_type: z.string().optional() }),
  parent_id: z.string().optional(),
})
const mentionValue = z.looseObject({ media_id: z.string(), comment_id: z.string().optional() })

const seconds = (time: number | undefined) => new Date((time ?? 0) * 1000)

/**
 * Turns an Instagram webhook body into interactions: comments on the account's media, mentions
 * of the account (media id and comment id only: read the text through the API), direct messages
 * and their reactions. The account's own comments and echoes are skipped.
 */
export function parseInstagramWebhook(body: unknown): WebhookEvent[] {
  const events: WebhookEvent[] = []
  const add = (accountExternalId: string, interaction: Interaction | undefined) => {
    if (interaction) events.push({ kind: 'interaction', accountExternalId, interaction })
  }
  for (const entry of graphWebhookEntries('instagram', body)) {
    for (const change of entry.changes ?? []) {
      if (change.field === 'comments') {
        const value = commentValue.safeParse(change.value)
        if (value.success && value.data.from?.id !== entry.id) {
          const { media, from, ...comment } = value.data
          add(
            entry.id,
            commentInteraction(
              {
                ...comment,
                timestamp: seconds(entry.time).toISOString(),
                ...(from ? { from } : {}),
              },
              media.id,
            ),
          )
        }
      } else if (change.field === 'mentions') {
        const value = mentionValue.safeParse(change.value)
        if (value.success) {
          const id = value.data.comment_id ?? value.data.media_id
          add(entry.id, {
            platform: 'instagram',
            externalId: id,
            type: 'MENTION',
            author: { externalId: 'unknown' },
            externalPostId: value.data.media_id,
            conversationId: id,
            createdAt: seconds(entry.time),
            raw: value.data,
          })
        }
      }
    }
    for (const item of entry.messaging ?? []) add(entry.id, messagingInteraction('instagram', item))
  }
  return events
}
