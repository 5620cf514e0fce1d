import { z } from 'zod'

const entrySchema = z.looseObject({
  id: z.string(),
  time: z.number().optional(),
  changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).optional(),
  messaging: z.array(z.unknown()).optional(),
})
export type GraphWebhookEntry = z.infer<typeof entrySchema>

/**
 * The entries of a Graph webhook body for one object type (`page`, `instagram`): each with its
 * account id, `changes` (field + value) and `messaging` items. Another object type, or a body
 * that is not a Graph webhook, gives no entries.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications
 */
export function graphWebhookEntries(object: string, body: unknown): GraphWebhookEntry[] {
  const parsed = z
    .looseObject({ object: z.literal(object), entry: z.array(entrySchema) })
    .safeParse(body)
  return parsed.success ? parsed.data.entry : []
}
