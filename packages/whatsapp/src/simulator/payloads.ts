import { randomBytes } from 'node:crypto'

/** Where a webhook comes from: the business phone number and its WhatsApp Business Account. */
export interface PhoneNumberRef {
  phoneNumberId: string
  displayPhoneNumber: string
  wabaId: string
}

export type SimStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed'

export interface StatusError {
  code: number
  title: string
  message: string
  error_data: { details: string }
  href?: string
}

const unix = (ms: number) => String(Math.floor(ms / 1000))

/** A message id in the shape Meta gives them (`wamid.` + base64). */
export function newWamid(to: string): string {
  const inner = Buffer.concat([Buffer.from(`\x15\x02\x00\x11\x18\x12${to}`), randomBytes(12)])
  return `wamid.HBgL${inner.toString('base64')}`
}

function envelope(ref: PhoneNumberRef, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: ref.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: ref.displayPhoneNumber,
                phone_number_id: ref.phoneNumberId,
              },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  }
}

/** A `statuses` webhook (StatusMessageValue in the spec). */
export function statusPayload(
  ref: PhoneNumberRef,
  status: {
    id: string
    status: Exclude<SimStatus, 'accepted'>
    at: number
    recipientId: string
    error?: StatusError
  },
) {
  const item: Record<string, unknown> = {
    id: status.id,
    status: status.status,
    timestamp: unix(status.at),
    recipient_id: status.recipientId,
  }
  if (status.status !== 'failed') {
    item.conversation = { id: `conv-${status.recipientId}`, origin: { type: 'service' } }
    item.pricing = { billable: false, pricing_model: 'PMP', category: 'service' }
  }
  if (status.error) item.errors = [status.error]
  return envelope(ref, { statuses: [item] })
}

/** An inbound message webhook (IncomingMessageValueGeneral in the spec). */
export function inboundPayload(
  ref: PhoneNumberRef,
  message: {
    id: string
    from: string
    name: string
    at: number
    message: Record<string, unknown>
    contextId?: string
  },
) {
  const item: Record<string, unknown> = {
    from: message.from,
    id: message.id,
    timestamp: unix(message.at),
    ...message.message,
  }
  if (message.contextId) item.context = { from: ref.displayPhoneNumber, id: message.contextId }
  return envelope(ref, {
    contacts: [{ profile: { name: message.name }, wa_id: message.from }],
    messages: [item],
  })
}

export { signedDelivery } from '@statex/graph/testing'
