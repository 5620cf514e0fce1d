import type { Delivery, DeliveryStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import type { Prisma } from '../generated/prisma/client.js'

/**
 * How far a message got. Status webhooks arrive in any order and more than once (Meta retries),
 * so a status only moves a delivery forward: `read` is never undone by a late `delivered`.
 * `failed` can follow `sent` (the phone never got it) but not `delivered` or `read`.
 */
const RANK: Record<Delivery['status'], number> = {
  accepted: 0,
  sent: 1,
  failed: 2,
  delivered: 3,
  read: 4,
}

export interface DeliveryStatusUpdate {
  /** The accounts the webhook's phone number is connected as (one per workspace). */
  accountIds: string[]
  /** The platform's id of the message (WhatsApp's `wamid…`). */
  messageId: string
  status: DeliveryStatus
  error?: { code?: string | number; message: string }
}

/** A broadcast's per-recipient deliveries: stored when it is published, moved by status webhooks. */
export function deliveriesRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** The deliveries a publish returned, as the broadcast's starting point. */
    async saveDeliveries(postId: string, deliveries: readonly Delivery[]): Promise<void> {
      if (!isUuid(postId)) return
      await prisma.socialPost.updateMany({
        where: { id: postId },
        data: { deliveries: deliveries.map((d) => ({ ...d })) as Prisma.InputJsonValue },
      })
    },

    /**
     * Applies one status webhook to the broadcast holding that message. Returns how many posts
     * changed (0 when no broadcast of these accounts sent it, or the status is not newer).
     */
    async applyDeliveryStatus(update: DeliveryStatusUpdate): Promise<number> {
      const accountIds = update.accountIds.filter(isUuid)
      if (!accountIds.length) return 0
      const probe = JSON.stringify([{ externalId: update.messageId }])
      return prisma.$transaction(async (tx) => {
        // Row-locked: two statuses of one broadcast (its recipients answer at once) do not lose
        // each other's change.
        const rows = await tx.$queryRaw<{ id: string; deliveries: Delivery[] }[]>`
          SELECT id, deliveries FROM social_posts
          WHERE account_id = ANY(${accountIds}::uuid[]) AND deliveries @> ${probe}::jsonb
          FOR UPDATE`
        let changed = 0
        for (const row of rows) {
          let moved = false
          const next = row.deliveries.map((d) => {
            if (d.externalId !== update.messageId || RANK[update.status] <= RANK[d.status]) return d
            moved = true
            const { error: _previous, ...rest } = d
            return {
              ...rest,
              status: update.status,
              ...(update.status === 'failed' && update.error ? { error: update.error } : {}),
            }
          })
          if (!moved) continue
          await tx.socialPost.update({
            where: { id: row.id },
            data: { deliveries: next as unknown as Prisma.InputJsonValue },
          })
          changed += 1
        }
        return changed
      })
    },
  }
}
