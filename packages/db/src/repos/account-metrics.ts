import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'

// Account-level figures (followers, following, page reach), apart from the per-post sync: one row
// per account and UTC day in account_metric_snapshots, and which accounts still lack today's.

const utcDay = (at: Date) => at.toISOString().slice(0, 10)

export function accountMetricsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** Account-level figures (followers, page reach): one row per account and UTC day, the day's last kept. */
    async recordAccountMetrics(
      accountId: string,
      snapshot: {
        collectedAt: Date
        followers?: number
        following?: number
        posts?: number
        impressions?: number
        reach?: number
        raw: unknown
      },
    ): Promise<void> {
      const values = {
        collectedAt: snapshot.collectedAt,
        followers: snapshot.followers ?? null,
        following: snapshot.following ?? null,
        posts: snapshot.posts ?? null,
        impressions: snapshot.impressions ?? null,
        reach: snapshot.reach ?? null,
        raw: (snapshot.raw ?? null) as never,
      }
      const day = new Date(`${utcDay(snapshot.collectedAt)}T00:00:00Z`)
      await prisma.accountMetricSnapshot.upsert({
        where: { accountId_day: { accountId, day } },
        create: { accountId, day, ...values },
        update: values,
      })
    },

    /** Active accounts of `platforms` without account-level figures for the UTC day of `now`. */
    async listAccountsDueForAccountMetrics(input: {
      now: Date
      platforms: Platform[]
      limit: number
    }): Promise<{ accountId: string; platform: Platform }[]> {
      if (input.platforms.length === 0) return []
      const rows = await prisma.$queryRaw<{ id: string; platform: Platform }[]>`
      SELECT a.id, a.platform::text AS platform FROM social_accounts a
      WHERE a.status = 'active' AND a.platform::text = ANY(${input.platforms}::text[])
        AND NOT EXISTS (SELECT 1 FROM account_metric_snapshots s WHERE s.account_id = a.id
          AND s.day = (${input.now}::timestamptz AT TIME ZONE 'UTC')::date)
      ORDER BY a.id LIMIT ${input.limit}`
      return rows.map((r) => ({ accountId: r.id, platform: r.platform }))
    },
  }
}

export type AccountMetricsRepository = ReturnType<typeof accountMetricsRepository>
