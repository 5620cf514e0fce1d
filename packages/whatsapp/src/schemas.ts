import { z } from 'zod'

/**
 * Zod schemas for the Cloud API fields this adapter reads. Unknown fields pass through untouched
 * (`looseObject`): Meta adds fields often, and a new one must never break a send or a webhook.
 * Source: business-messaging-api_v23.0.yaml (MessageResponsePayload, GraphAPIError, WebhookPayload).
 */

/** `POST /{Version}/{Phone-Number-ID}/messages` 200 answer. */
export const sendMessageResponseSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  contacts: z.array(z.looseObject({ input: z.string(), wa_id: z.string().optional() })).optional(),
  messages: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        // `accepted`, `held_for_quality_assessment`, `paused` (MessageStatus in the spec).
        message_status: z.string().optional(),
      }),
    )
    .min(1),
})
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>

/** `POST /{Version}/{Phone-Number-ID}/media` 200 answer. */
export const uploadMediaResponseSchema = z.looseObject({ id: z.string().min(1) })

/** An error inside a webhook (`statuses[].errors[]`, `messages[].errors[]`, `value.errors[]`). */
export const webhookErrorSchema = z.looseObject({
  code: z.coerce.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
})
export type WebhookError = z.infer<typeof webhookErrorSchema>

export const webhookStatusSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: z.string(),
  recipient_id: z.string().optional(),
  errors: z.array(webhookErrorSchema).optional(),
})
export type WebhookStatus = z.infer<typeof webhookStatusSchema>

export const webhookMessageSchema = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
})
export type WebhookMessage = z.infer<typeof webhookMessageSchema> & Record<string, unknown>

export const webhookValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z
    .looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() })
    .optional(),
  contacts: z
    .array(
      z.looseObject({
        profile: z.looseObject({ name: z.string().optional() }).optional(),
        wa_id: z.string().optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
})

export const webhookPayloadSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
})

/**
 * A business phone number (WhatsApp Business Phone Number API, `GET /{phone-number-id}` with
 * `fields=id,display_phone_number,verified_name`).
 */
export const phoneNumberSchema = z.looseObject({
  id: z.string().min(1),
  display_phone_number: z.string(),
  verified_name: z.string(),
})
export type PhoneNumber = z.infer<typeof phoneNumberSchema>
