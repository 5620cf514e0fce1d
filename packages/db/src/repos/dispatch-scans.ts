import type { Platform, PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import type { AccountStatus } from '../types.js'
import { MAY_PUBLISH } from './approval-gate.js'

// The dispatcher's scans: which targets should have a publish job now. They run every tick over
// the whole table, so each reads only through an index on what is due.

/** A target the dispatcher should have a publish job for. */
export interface DispatchItem {
  targetId: string
  status: PostStatus
  /** When the job should run: `scheduled_at` for SCHEDULED, `next_check_at` for in-flight states. */
  dueAt: Date
  accountId: string
  accountStatus: AccountStatus
  accountStatusReason: string | null
  platform: Platform
  accountName: string
}

interface DispatchRow {
  id: string
  status: PostStatus
  due_at: Date
  account_id: string
  account_status: AccountStatus
  status_reason: string | null
  platform: Platform
  display_name: string
}

const toDispatchItem = (row: DispatchRow): DispatchItem => ({
  targetId: row.id,
  status: row.status,
  dueAt: row.due_at,
  accountId: row.account_id,
  accountStatus: row.account_status,
  accountStatusReason: row.status_reason,
  platform: row.platform,
  accountName: row.display_name,
})

export function dispatchScans(prisma: DbContext['prisma']) {
  return {
    /**
     * SCHEDULED targets due before `until`, in (scheduled_at, id) order after the `after` cursor,
     * through the (status, scheduled_at) index: far-future targets are never read.
     */
    async listDueScheduled(input: {
      until: Date
      after?: { dueAt: Date; targetId: string }
      limit: number
    }): Promise<DispatchItem[]> {
      const afterAt = input.after?.dueAt ?? new Date(0)
      const afterId = input.after?.targetId ?? '00000000-0000-0000-0000-000000000000'
      const rows = await prisma.$queryRaw<DispatchRow[]>`
        SELECT p.id, p.status::text AS status, p.scheduled_at AS due_at, p.account_id,
               a.status::text AS account_status, a.status_reason,
               a.platform::text AS platform, a.display_name
        FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
          JOIN post_groups g ON g.id = p.group_id
        WHERE p.status = 'SCHEDULED' AND p.scheduled_at <= ${input.until}
          AND (p.scheduled_at, p.id) > (${afterAt}, ${afterId}::uuid)
          AND g.approval_status = ANY(${MAY_PUBLISH}::text[])
        ORDER BY p.scheduled_at, p.id
        LIMIT ${input.limit}`
      return rows.map(toDispatchItem)
    },

    /**
     * In-flight targets whose next check has come (a lease that ran out, a poll or reconcile
     * due): after a Redis flush their jobs are gone, and this is how they come back.
     */
    async listInFlightDue(input: { now: Date; limit: number }): Promise<DispatchItem[]> {
      const rows = await prisma.$queryRaw<DispatchRow[]>`
        SELECT p.id, p.status::text AS status, p.next_check_at AS due_at, p.account_id,
               a.status::text AS account_status, a.status_reason,
               a.platform::text AS platform, a.display_name
        FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
        WHERE p.status IN ('PUBLISHING', 'PROCESSING', 'UNKNOWN') AND p.next_check_at <= ${input.now}
        ORDER BY p.next_check_at
        LIMIT ${input.limit}`
      return rows.map(toDispatchItem)
    },

    /** SCHEDULED targets whose time passed more than `graceMs` ago: the health check's "overdue". */
    async countOverdueTargets(input: { now?: Date; graceMs: number }): Promise<number> {
      const before = new Date((input.now ?? new Date()).getTime() - input.graceMs)
      return prisma.socialPost.count({
        where: { status: 'SCHEDULED', scheduledAt: { lt: before } },
      })
    },
  }
}
