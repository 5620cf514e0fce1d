import type { Interaction, WebhookEvent, WebhookRequest } from '@statex/core'
import { answerGraphChallenge, verifyGraphSignature } from '@statex/graph'
import { describeWebhookError } from './errors.js'
import {
  webhookMessageSchema,
  webhookPayloadSchema,
  webhookStatusSchema,
  webhookValueSchema,
  type WebhookMessage,
} from './schemas.js'

/**
 * True only when `X-Hub-Signature-256` is the app secret's HMAC of the raw body (see
 * `verifyGraphSignature`); false when no app secret is configured.
 */
export function verifyWhatsAppSignature(
  request: WebhookRequest,
  appSecret: string | undefined,
): boolean {
  return verifyGraphSignature(request, appSecret)
}

/** Meta's subscription handshake (see `answerGraphChallenge`). */
export const answerChallenge = answerGraphChallenge

const toDate = (timestamp: string) => new Date(Number(timestamp) * 1000)

/** A readable line for an inbound message of any type, for the inbox. */
function summarise(message: WebhookMessage): string | undefined {
  const m = message as Record<string, Record<string, unknown> | undefined> & WebhookMessage
  const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
  switch (message.type) {
    case 'text':
      return str(m.text?.body)
    case 'image':
    case 'video':
    case 'document': {
      const media = m[message.type]
      const caption = str(media?.caption)
      const name = str(media?.filename)
      const label = `[${message.type}${name ? `: ${name}` : ''}]`
      return caption ? `${label} ${caption}` : label
    }
    case 'audio':
      return m.audio?.voice ? '[voice message]' : '[audio]'
    case 'sticker':
      return '[sticker]'
    case 'location': {
      const place = [str(m.location?.name), str(m.location?.address)].filter(Boolean).join(', ')
      return `[location${place ? `: ${place}` : ''}]`
    }
    case 'contacts': {
      const list = Array.isArray(message.contacts)
        ? (message.contacts as { name?: { formatted_name?: string } }[])
        : []
      return `[contact: ${list.map((c) => c.name?.formatted_name ?? '?').join(', ')}]`
    }
    case 'button':
      return str(m.button?.text)
    case 'interactive': {
      const reply = (m.interactive?.button_reply ?? m.interactive?.list_reply) as
        { title?: string } | undefined
      return str(reply?.title) ?? '[interactive reply]'
    }
    case 'order':
      return '[order]'
    default:
      return `[${message.type} message]`
  }
}

function interactionOf(message: WebhookMessage, name: string | undefined): Interaction {
  const m = message as WebhookMessage & { reaction?: { message_id?: string; emoji?: string } }
  const base = {
    platform: 'whatsapp' as const,
    externalId: message.id,
    author: { externalId: message.from, ...(name ? { name } : {}), handle: `+${message.from}` },
    conversationId: message.from,
    createdAt: toDate(message.timestamp),
    raw: message,
  }
  if (message.type === 'reaction') {
    // An empty emoji is a removed reaction; it still arrives as a reaction event.
    return {
      ...base,
      type: 'REACTION',
      reaction: m.reaction?.emoji ?? '',
      ...(m.reaction?.message_id
        ? { externalPostId: m.reaction.message_id, parentExternalId: m.reaction.message_id }
        : {}),
    }
  }
  const text = summarise(message)
  return {
    ...base,
    type: 'MESSAGE',
    ...(text !== undefined ? { text } : {}),
    ...(message.context?.id
      ? { parentExternalId: message.context.id, externalPostId: message.context.id }
      : {}),
  }
}

/**
 * Turns a `whatsapp_business_account` webhook body into events: delivery statuses (sent,
 * delivered, read, failed with the reason) and inbound messages and reactions. Anything else
 * (other fields, system messages, malformed items) is skipped, so one odd item never loses the rest.
 */
export function parseWhatsAppWebhook(body: unknown): WebhookEvent[] {
  const payload = webhookPayloadSchema.safeParse(body)
  if (!payload.success) return []
  const events: WebhookEvent[] = []
  for (const entry of payload.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue
      const value = webhookValueSchema.safeParse(change.value)
      if (!value.success) continue
      const accountExternalId = value.data.metadata?.phone_number_id
      const account = accountExternalId ? { accountExternalId } : {}
      for (const item of value.data.statuses ?? []) {
        const status = webhookStatusSchema.safeParse(item)
        if (!status.success) continue
        const s = status.data
        const first = s.errors?.[0]
        events.push({
          kind: 'delivery_status',
          ...account,
          externalId: s.id,
          ...(s.recipient_id ? { recipient: s.recipient_id } : {}),
          status: s.status,
          at: toDate(s.timestamp),
          ...(first ? { error: { code: first.code, message: describeWebhookError(first) } } : {}),
          raw: item,
        })
      }
      const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]))
      for (const item of value.data.messages ?? []) {
        const message = webhookMessageSchema.safeParse(item)
        // System messages (a customer changed number) are not something a person wrote.
        if (!message.success || message.data.type === 'system') continue
        events.push({
          kind: 'interaction',
          ...account,
          interaction: interactionOf(message.data as WebhookMessage, names.get(message.data.from)),
        })
      }
    }
  }
  return events
}
