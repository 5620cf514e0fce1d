import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

/**
 * Outgoing webhook deliveries (a workspace's registered URLs). Not in QUEUE_NAMES: its processor
 * lives with the API for now, and the worker serves exactly QUEUE_NAMES.
 */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries'

export const WEBHOOK_DELIVERY_PAYLOAD = z.object({ deliveryId: z.string().min(1) })

/** Tries per delivery, with exponential backoff from 30 s (about 2 hours in all). */
export const WEBHOOK_DELIVERY_JOB_OPTIONS = Object.freeze({
  attempts: 8,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
})

export const WEBHOOK_HEADERS = {
  id: 'statex-webhook-id',
  timestamp: 'statex-webhook-timestamp',
  signature: 'statex-webhook-signature',
} as const

/** Receivers should refuse deliveries whose timestamp is further than this from their clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed, so a replay cannot move it. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * What a receiver does (shown in the README): recompute the signature over the raw body, compare
 * in constant time, and refuse an old timestamp so a captured delivery cannot be replayed.
 */
export function verifyWebhook(input: {
  secret: string
  body: string
  timestamp: string | undefined
  signature: string | undefined
  now?: number
}): boolean {
  const timestamp = Number(input.timestamp)
  if (!Number.isInteger(timestamp) || !input.signature) return false
  const now = Math.floor((input.now ?? Date.now()) / 1000)
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return false
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body))
  const given = Buffer.from(input.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
