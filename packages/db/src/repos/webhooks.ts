import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { decryptSecret, encryptSecret } from '../crypto.js'
import type {
  Prisma,
  WebhookDelivery as DeliveryRow,
  WebhookEndpoint as EndpointRow,
} from '../generated/prisma/client.js'
import type { WebhookDelivery, WebhookEndpoint } from '../types.js'

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  workspaceId: row.workspaceId,
  url: row.url,
  events: row.events,
  active: row.active,
  createdAt: row.createdAt,
})

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpointId,
  eventId: row.eventId,
  eventType: row.eventType,
  payload: row.payload,
  status: row.status as WebhookDelivery['status'],
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  lastError: row.lastError,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt,
})

export function webhooksRepository(ctx: DbContext) {
  const { prisma, keyring } = ctx
  return {
    /** Keeps an inbound platform delivery whose signature checked out; the worker processes it. */
    async storeInboundEvent(input: {
      platform: Platform
      accountId?: string
      body: unknown
    }): Promise<{ id: string }> {
      const row = await prisma.inboundWebhookEvent.create({
        data: {
          platform: input.platform,
          accountId: input.accountId ?? null,
          body: input.body as Prisma.InputJsonValue,
        },
        select: { id: true },
      })
      return row
    },

    /** Deliveries not yet processed, oldest first: the worker's sweep for ones whose job was lost. */
    async listUnprocessedInboundEvents(limit = 100) {
      return prisma.inboundWebhookEvent.findMany({
        where: { processedAt: null },
        orderBy: { receivedAt: 'asc' },
        take: limit,
      })
    },

    /** Marks a stored delivery processed (by the worker's process-interactions job); false when unknown or done. */
    async markInboundEventProcessed(id: string, at = new Date()): Promise<boolean> {
      if (!isUuid(id)) return false
      const { count } = await prisma.inboundWebhookEvent.updateMany({
        where: { id, processedAt: null },
        data: { processedAt: at },
      })
      return count === 1
    },

    async getInboundEvent(id: string) {
      if (!isUuid(id)) return null
      return prisma.inboundWebhookEvent.findUnique({ where: { id } })
    },

    /** Registers an endpoint; the signing secret is stored encrypted like account tokens. */
    async createEndpoint(input: {
      workspaceId: string
      url: string
      events: string[]
      secret: string
    }): Promise<WebhookEndpoint> {
      const row = await prisma.webhookEndpoint.create({
        data: {
          workspaceId: input.workspaceId,
          url: input.url,
          events: input.events,
          secretEncrypted: encryptSecret(keyring, input.secret),
        },
      })
      return toEndpoint(row)
    },

    async listEndpoints(workspaceId: string): Promise<WebhookEndpoint[]> {
      const rows = await prisma.webhookEndpoint.findMany({
        where: { workspaceId },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map(toEndpoint)
    },

    async getEndpoint(workspaceId: string, id: string): Promise<WebhookEndpoint | null> {
      if (!isUuid(id)) return null
      const row = await prisma.webhookEndpoint.findFirst({ where: { id, workspaceId } })
      return row ? toEndpoint(row) : null
    },

    /** The decrypted signing secret, for the delivery job only. */
    async getEndpointSecret(id: string): Promise<string | null> {
      if (!isUuid(id)) return null
      const row = await prisma.webhookEndpoint.findUnique({ where: { id } })
      return row ? decryptSecret(keyring, row.secretEncrypted) : null
    },

    async deleteEndpoint(workspaceId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false
      const { count } = await prisma.webhookEndpoint.deleteMany({ where: { id, workspaceId } })
      return count === 1
    },

    /** Whether any active endpoint of the workspace takes `eventType`: saves building a payload nobody receives. */
    async hasSubscribers(workspaceId: string, eventType: string): Promise<boolean> {
      const found = await prisma.webhookEndpoint.findFirst({
        where: { workspaceId, active: true, events: { has: eventType } },
        select: { id: true },
      })
      return found !== null
    },

    /** One delivery per active endpoint subscribed to `eventType`; duplicates of an event id are skipped. */
    async enqueueEvent(input: {
      workspaceId: string
      eventId: string
      eventType: string
      payload: unknown
      /** Only this endpoint, whatever it subscribed to (a test delivery). */
      endpointId?: string
    }): Promise<WebhookDelivery[]> {
      const endpoints = await prisma.webhookEndpoint.findMany({
        where: input.endpointId
          ? { workspaceId: input.workspaceId, id: input.endpointId }
          : { workspaceId: input.workspaceId, active: true, events: { has: input.eventType } },
      })
      if (endpoints.length === 0) return []
      await prisma.webhookDelivery.createMany({
        data: endpoints.map((e) => ({
          endpointId: e.id,
          eventId: input.eventId,
          eventType: input.eventType,
          payload: input.payload as Prisma.InputJsonValue,
        })),
        skipDuplicates: true,
      })
      const rows = await prisma.webhookDelivery.findMany({
        where: { eventId: input.eventId, endpointId: { in: endpoints.map((e) => e.id) } },
      })
      return rows.map(toDelivery)
    },

    /** A delivery with where it goes, for the delivery job. */
    async getDeliveryTarget(
      id: string,
    ): Promise<{ delivery: WebhookDelivery; url: string; secret: string } | null> {
      if (!isUuid(id)) return null
      const row = await prisma.webhookDelivery.findUnique({
        where: { id },
        include: { endpoint: true },
      })
      if (!row) return null
      return {
        delivery: toDelivery(row),
        url: row.endpoint.url,
        secret: decryptSecret(keyring, row.endpoint.secretEncrypted),
      }
    },

    async getDelivery(id: string): Promise<WebhookDelivery | null> {
      if (!isUuid(id)) return null
      const row = await prisma.webhookDelivery.findUnique({ where: { id } })
      return row ? toDelivery(row) : null
    },

    async recordDeliveryAttempt(
      id: string,
      result: { ok: boolean; responseStatus?: number; error?: string; final: boolean },
    ): Promise<void> {
      await prisma.webhookDelivery.update({
        where: { id },
        data: {
          attempts: { increment: 1 },
          responseStatus: result.responseStatus ?? null,
          lastError: result.error ?? null,
          status: result.ok ? 'delivered' : result.final ? 'failed' : 'pending',
          ...(result.ok ? { deliveredAt: new Date() } : {}),
        },
      })
    },

    /**
     * Pending deliveries created before `before`, in (created_at, id) order after `after`: the
     * sweep that re-queues deliveries whose job Redis lost (a crash between recording and
     * queueing, a flush). Through a partial index on pending rows only.
     */
    async listPendingDeliveries(input: {
      before: Date
      after?: { createdAt: Date; id: string }
      limit: number
    }): Promise<{ id: string; createdAt: Date }[]> {
      const afterAt = input.after?.createdAt ?? new Date(0)
      const afterId = input.after?.id ?? '00000000-0000-0000-0000-000000000000'
      const rows = await prisma.$queryRaw<{ id: string; created_at: Date }[]>`
        SELECT id, created_at FROM webhook_deliveries
        WHERE status = 'pending' AND created_at < ${input.before}
          AND (created_at, id) > (${afterAt}, ${afterId}::uuid)
        ORDER BY created_at, id
        LIMIT ${input.limit}`
      return rows.map((row) => ({ id: row.id, createdAt: row.created_at }))
    },

    async listDeliveries(
      workspaceId: string,
      endpointId: string,
      limit = 50,
    ): Promise<WebhookDelivery[]> {
      if (!isUuid(endpointId)) return []
      const rows = await prisma.webhookDelivery.findMany({
        where: { endpointId, endpoint: { workspaceId } },
        orderBy: { createdAt: 'desc' },
        take: Math.min(limit, 200),
      })
      return rows.map(toDelivery)
    },
  }
}

export type WebhooksRepository = ReturnType<typeof webhooksRepository>
