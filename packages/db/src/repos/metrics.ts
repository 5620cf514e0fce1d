import type { PostMetrics } from '@statex/core'
import { METRIC_FIELDS } from '@statex/core'
import type { DbContext } from '../context.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { MetricSnapshot } from '../types.js'

// The one list of counters, in core's order.
const FIELDS = METRIC_FIELDS

export function metricsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Appends points to posts' time series. A point for a (post, collectedAt) already stored is
     * skipped, so a collector that runs twice does not double it. Returns how many were new.
     */
    async insertMetricSnapshots(
      snapshots: (Omit<PostMetrics, 'externalId'> & { postId: string })[],
    ): Promise<{ inserted: number }> {
      if (snapshots.length === 0) return { inserted: 0 }
      const { count } = await prisma.metricSnapshot.createMany({
        data: snapshots.map((snapshot) => {
          const row: Prisma.MetricSnapshotCreateManyInput = {
            postId: snapshot.postId,
            collectedAt: snapshot.collectedAt,
            raw: (snapshot.raw ?? null) as Prisma.InputJsonValue,
          }
          for (const field of FIELDS) row[field] = snapshot[field] ?? null
          return row
        }),
        skipDuplicates: true,
      })
      return { inserted: count }
    },

    /** A post's points with `from <= collectedAt < to`, oldest first. */
    async listMetricSeries(
      postId: string,
      range: { from: Date; to: Date },
    ): Promise<MetricSnapshot[]> {
      const rows = await prisma.metricSnapshot.findMany({
        where: { postId, collectedAt: { gte: range.from, lt: range.to } },
        orderBy: { collectedAt: 'asc' },
      })
      return rows.map((row) => ({
        postId: row.postId,
        collectedAt: row.collectedAt,
        impressions: row.impressions,
        reach: row.reach,
        likes: row.likes,
        comments: row.comments,
        shares: row.shares,
        clicks: row.clicks,
        saves: row.saves,
        views: row.views,
        raw: row.raw,
      }))
    },
  }
}

export type MetricsRepository = ReturnType<typeof metricsRepository>
