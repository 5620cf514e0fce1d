import type { AccountAuth } from '@statex/core'
import type { SimulatedPost } from '@statex/testkit/simulator'
import type { PhoneNumberRef, SimStatus, StatusError } from './payloads.js'

/** Customers every new phone number starts with: opted in, and they wrote "just now" (window open). */
export const SIMULATED_CUSTOMERS: readonly { waId: string; name: string }[] = [
  { waId: '16505551234', name: 'Sheena Nelson' },
  { waId: '14155550101', name: 'Ava Chen' },
  { waId: '447700900123', name: 'Oliver Smith' },
]

/** The customer-service window: free-form messages only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3600_000
/** When a sent message's status advances (simulated time after it was accepted). */
export const STATUS_DELAYS: Readonly<Record<'sent' | 'delivered' | 'read', number>> = {
  sent: 0,
  delivered: 2_000,
  read: 60_000,
}

export interface Account extends PhoneNumberRef {
  name: string
  auth: AccountAuth
  customers: Map<string, { name: string; lastInboundAt?: number }>
}

export interface SentMessage {
  id: string
  phoneNumberId: string
  to: string
  text: string
  body: Record<string, unknown>
  createdAt: number
  status: SimStatus
  history: { status: Exclude<SimStatus, 'accepted'>; at: number }[]
  error?: StatusError
}

export interface InboundMessage {
  id: string
  phoneNumberId: string
  from: string
  text: string
  at: number
  contextId?: string
}

/** A sent message as the sandbox pages show it: its statuses and the replies quoting it. */
export function toPost(message: SentMessage, inbound: readonly InboundMessage[]): SimulatedPost {
  const replies = inbound.filter((m) => m.contextId === message.id)
  const activity = [
    ...message.history.map((h) => ({
      kind: h.status,
      text:
        h.status === 'failed' && message.error
          ? `failed: ${message.error.title} (${message.error.code})`
          : `${h.status} to +${message.to}`,
      at: new Date(h.at),
    })),
    ...replies.map((r) => ({ kind: 'reply', text: `+${r.from}: ${r.text}`, at: new Date(r.at) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  return {
    externalId: message.id,
    createdAt: new Date(message.createdAt),
    text: message.text,
    activity,
    raw: {
      ...message.body,
      status: message.status,
      ...(message.error ? { errors: [message.error] } : {}),
    },
  }
}
