import type { Platform, PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'

/** A target already on, or on its way to, an account: what a new post is compared with. */
export interface RecentTarget {
  targetId: string
  groupId: string
  accountId: string
  platform: Platform
  status: PostStatus
  text: string
  /** When it went out, or is due to. */
  at: Date
  url: string | null
}

export function recentPostsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Targets on these accounts published or due in [from, to], newest first, at most `limit`:
     * drafts, failures and archived ones are not "posted". Read through (account_id, …) rows.
     */
    async listRecentTargets(input: {
      accountIds: string[]
      from: Date
      to: Date
      excludeGroupId?: string
      limit?: number
    }): Promise<RecentTarget[]> {
      const ids = input.accountIds.filter(isUuid)
      if (ids.length === 0) return []
      const rows = await prisma.$queryRaw<
        {
          id: string
          group_id: string
          account_id: string
          platform: Platform
          status: PostStatus
          text: string | null
          at: Date
          url: string | null
        }[]
      >`
        SELECT p.id::text, p.group_id::text, p.account_id::text, a.platform::text AS platform,
          p.status::text AS status, p.content->>'text' AS text,
          COALESCE(p.published_at, p.scheduled_at) AS at, p.url
        FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
        WHERE p.account_id = ANY(${ids}::uuid[])
          AND p.status IN ('IN_REVIEW', 'SCHEDULED', 'PUBLISHING', 'PROCESSING', 'PUBLISHED', 'UNKNOWN')
          AND COALESCE(p.published_at, p.scheduled_at) BETWEEN ${input.from} AND ${input.to}
          AND p.group_id <> ${input.excludeGroupId ?? '00000000-0000-0000-0000-000000000000'}::uuid
        ORDER BY COALESCE(p.published_at, p.scheduled_at) DESC
        LIMIT ${input.limit ?? 300}`
      return rows.map((r) => ({
        targetId: r.id,
        groupId: r.group_id,
        accountId: r.account_id,
        platform: r.platform,
        status: r.status,
        text: r.text ?? '',
        at: r.at,
        url: r.url,
      }))
    },
  }
}
