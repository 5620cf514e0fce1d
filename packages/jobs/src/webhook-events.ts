import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'

/** What a workspace can subscribe an outgoing webhook endpoint to. */
export const WEBHOOK_EVENTS = [
  'post.published',
  'post.failed',
  'post.partially_published',
  'post.submitted',
  'post.approved',
  'post.rejected',
  'post.review_commented',
  'post.reopened',
  'interaction.received',
  'account.needs_reconnect',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]

export interface WebhookEvent {
  workspaceId: string
  type: string
  data: unknown
  /** Default: a new id. The same id twice delivers once per endpoint. */
  eventId?: string
  /** Only this endpoint (a test delivery). */
  endpointId?: string
}

/** The one database call emitting needs (@statex/db's `webhooks.enqueueEvent`). */
export interface WebhookEventStore {
  enqueueEvent(input: {
    workspaceId: string
    eventId: string
    eventType: string
    payload: unknown
    endpointId?: string
  }): Promise<{ id: string }[]>
}

/** The delivery queue's job for one stored delivery; its id is the delivery's, so adding it twice is one job. */
export function deliveryJob(deliveryId: string) {
  return { name: 'deliver', data: { deliveryId }, opts: { jobId: `delivery-${deliveryId}` } }
}

/**
 * Records one delivery per subscribed endpoint (PostgreSQL, so nothing is lost with Redis) and
 * queues each on the delivery queue; returns the delivery ids. The API and the worker both emit.
 */
export async function emitWebhookEvent(
  store: { webhooks: WebhookEventStore },
  queue: Queue,
  event: WebhookEvent,
): Promise<string[]> {
  const eventId = event.eventId ?? `evt_${randomUUID()}`
  const payload = {
    id: eventId,
    type: event.type,
    createdAt: new Date().toISOString(),
    data: event.data,
  }
  const deliveries = await store.webhooks.enqueueEvent({
    workspaceId: event.workspaceId,
    eventId,
    eventType: event.type,
    payload,
    ...(event.endpointId ? { endpointId: event.endpointId } : {}),
  })
  if (deliveries.length > 0) await queue.addBulk(deliveries.map((d) => deliveryJob(d.id)))
  return deliveries.map((d) => d.id)
}
