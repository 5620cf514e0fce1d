import { METRIC_FIELDS, type MetricCounts, type Platform, type PostMetrics } from '@statex/core'
import type { DbContext } from '../context.js'
import { type Counters, dayInZone, merge, zero } from './metric-deltas.js'

// The metrics sync's side of the database: which published targets are due (PostgreSQL is the
// schedule; Redis only holds the jobs in flight), and recording what a sync fetched: the raw
// snapshot (time series), the latest figures on the post, and the rollups, in one transaction,
// so the rollups are exactly the sum of the differences between consecutive snapshots.

/** A published target whose metrics are due. */
export interface MetricsDueItem {
  postId: string
  accountId: string
  platform: Platform
  externalId: string
  publishedAt: Date
}

/** The latest figures as kept on `social_posts.engagement_metrics`. */
export type LatestMetrics = MetricCounts & {
  engagements: number
  audience: number
  collectedAt: string
}

export interface CollectedMetrics {
  postId: string
  metrics: Omit<PostMetrics, 'externalId'>
  /** The next sync after this one; null stops the sync (`aged`). */
  nextSyncAt: Date | null
}

export interface RecordSyncResult {
  /** New points in the time series (a point already stored for the same instant is skipped). */
  inserted: number
  /** Targets marked deleted on the platform. */
  deleted: number
}

const utcHour = (at: Date) => `${at.toISOString().slice(0, 13)}:00:00Z`

export function metricsSyncRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Claims up to `limit` due targets, oldest due first, by moving their next sync to
     * `now + leaseMs`: a second scheduler does not read them again, and a job lost with Redis is
     * due again once the lease ends. Never-synced targets are due from their publish instant.
     */
    async claimDue(input: {
      now: Date
      limit: number
      leaseMs: number
    }): Promise<MetricsDueItem[]> {
      const rows = await prisma.$queryRaw<
        {
          id: string
          account_id: string
          platform: Platform
          external_id: string
          published_at: Date
        }[]
      >`
        WITH due AS (
          SELECT p.id FROM social_posts p
          WHERE p.status = 'PUBLISHED' AND p.metrics_stopped_at IS NULL
            AND COALESCE(p.metrics_next_sync_at, p.published_at) <= ${input.now}
          ORDER BY COALESCE(p.metrics_next_sync_at, p.published_at)
          LIMIT ${input.limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE social_posts p
        SET metrics_next_sync_at = ${new Date(input.now.getTime() + input.leaseMs)}
        FROM due, social_accounts a
        WHERE p.id = due.id AND a.id = p.account_id
        RETURNING p.id, p.account_id, a.platform::text AS platform, p.external_id, p.published_at`
      return rows.map((row) => ({
        postId: row.id,
        accountId: row.account_id,
        platform: row.platform,
        externalId: row.external_id ?? '',
        publishedAt: row.published_at,
      }))
    },

    /** The given targets of one account that are still synced: published, with an external id. */
    async listSyncTargets(accountId: string, postIds: string[]): Promise<MetricsDueItem[]> {
      if (postIds.length === 0) return []
      const rows = await prisma.$queryRaw<
        { id: string; platform: Platform; external_id: string; published_at: Date }[]
      >`
        SELECT p.id, a.platform::text AS platform, p.external_id, p.published_at
        FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
        WHERE p.id = ANY(${postIds}::uuid[]) AND p.account_id = ${accountId}::uuid
          AND p.status = 'PUBLISHED' AND p.metrics_stopped_at IS NULL
          AND p.external_id IS NOT NULL AND p.published_at IS NOT NULL`
      return rows.map((row) => ({
        postId: row.id,
        accountId,
        platform: row.platform,
        externalId: row.external_id,
        publishedAt: row.published_at,
      }))
    },

    /** Moves targets' next sync (a rate-limited account waits for its reset). */
    async rescheduleSync(postIds: string[], at: Date): Promise<void> {
      if (postIds.length === 0) return
      await prisma.$executeRaw`
        UPDATE social_posts SET metrics_next_sync_at = ${at}
        WHERE id = ANY(${postIds}::uuid[]) AND metrics_stopped_at IS NULL`
    },

    /**
     * Stops syncing targets for good: `aged` (past the schedule's end), `deleted` on the
     * platform, or `no_post_metrics` (the platform gives none: Telegram, WhatsApp).
     */
    async stopSync(
      postIds: string[],
      reason: 'aged' | 'deleted' | 'no_post_metrics',
      at = new Date(),
    ): Promise<void> {
      if (postIds.length === 0) return
      await prisma.$executeRaw`
        UPDATE social_posts
        SET metrics_stopped_at = ${at}, metrics_stop_reason = ${reason}, metrics_next_sync_at = NULL
        WHERE id = ANY(${postIds}::uuid[]) AND metrics_stopped_at IS NULL`
    },

    /**
     * Records one sync of one account's targets in one transaction: the snapshots, the latest
     * figures and next sync on each post, and each snapshot's difference from the post's previous
     * one added to the day's and the publish hour's rollups. `missing` are targets the platform's
     * answer left out: after `deleteAfterMisses` such answers in a row they are marked deleted.
     */
    async recordSync(input: {
      collected: CollectedMetrics[]
      missing?: { postId: string; nextSyncAt: Date | null }[]
      deleteAfterMisses?: number
    }): Promise<RecordSyncResult> {
      const missing = input.missing ?? []
      const deleteAfter = input.deleteAfterMisses ?? 3
      if (input.collected.length === 0 && missing.length === 0) return { inserted: 0, deleted: 0 }
      return prisma.$transaction(
        async (tx) => {
          const ids = [...new Set(input.collected.map((c) => c.postId))].sort()
          // Row locks in id order: two syncs of one target serialize here, so each difference is
          // taken from the snapshot recorded just before it, and two syncs never deadlock.
          const posts =
            ids.length === 0
              ? []
              : await tx.$queryRaw<
                  {
                    id: string
                    account_id: string
                    workspace_id: string
                    time_zone: string
                    platform: Platform
                    published_at: Date | null
                    engagement_metrics: LatestMetrics | null
                  }[]
                >`
            SELECT p.id, p.account_id, a.workspace_id, w.time_zone, a.platform::text AS platform,
              p.published_at, p.engagement_metrics
            FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
              JOIN workspaces w ON w.id = a.workspace_id
            WHERE p.id = ANY(${ids}::uuid[]) ORDER BY p.id FOR UPDATE OF p`
          const byId = new Map(posts.map((p) => [p.id, p]))
          const rows = input.collected.filter((c) => byId.has(c.postId))
          const insertedRows =
            rows.length === 0
              ? []
              : await tx.$queryRaw<{ post_id: string; collected_at: Date }[]>`
            INSERT INTO metric_snapshots (post_id, collected_at, impressions, reach, likes, comments,
              shares, clicks, saves, views, raw)
            SELECT x.post_id, x.collected_at, x.impressions, x.reach, x.likes, x.comments, x.shares,
              x.clicks, x.saves, x.views, x.raw
            FROM jsonb_to_recordset(${JSON.stringify(
              rows.map((r) => ({
                post_id: r.postId,
                collected_at: r.metrics.collectedAt.toISOString(),
                ...Object.fromEntries(METRIC_FIELDS.map((f) => [f, r.metrics[f] ?? null])),
                raw: r.metrics.raw ?? null,
              })),
            )}::jsonb) AS x(post_id uuid, collected_at timestamptz, impressions int, reach int,
              likes int, comments int, shares int, clicks int, saves int, views int, raw jsonb)
            ON CONFLICT (post_id, collected_at) DO NOTHING
            RETURNING post_id, collected_at`
          const fresh = new Set(
            insertedRows.map((r) => `${r.post_id}|${r.collected_at.toISOString()}`),
          )

          const updates: { id: string; latest: LatestMetrics | null; next: string | null }[] = []
          const days = new Map<
            string,
            Counters & { accountId: string; day: string; posts: number }
          >()
          const hours = new Map<
            string,
            Counters & { accountId: string; hour: string; posts: number }
          >()
          const meta = new Map<string, { workspaceId: string; platform: Platform }>()
          // Oldest first, so two points of one post in the same batch chain their differences.
          const ordered = [...rows].sort(
            (a, b) => a.metrics.collectedAt.getTime() - b.metrics.collectedAt.getTime(),
          )
          const current = new Map(posts.map((p) => [p.id, p.engagement_metrics]))
          const next = new Map<string, Date | null>()
          for (const row of ordered) {
            next.set(row.postId, row.nextSyncAt)
            if (!fresh.has(`${row.postId}|${row.metrics.collectedAt.toISOString()}`)) continue
            const post = byId.get(row.postId)!
            const previous = current.get(row.postId) ?? null
            // A point older than the latest one joins the series but does not move the figures.
            if (previous && Date.parse(previous.collectedAt) >= row.metrics.collectedAt.getTime())
              continue
            const { latest, delta } = merge(previous, row.metrics)
            current.set(row.postId, latest)
            meta.set(post.account_id, { workspaceId: post.workspace_id, platform: post.platform })
            // The workspace's own day, so its daily series needs no zone shift when read.
            const day = dayInZone(row.metrics.collectedAt, post.time_zone)
            const dayRow =
              days.get(`${post.account_id}|${day}`) ??
              days
                .set(`${post.account_id}|${day}`, {
                  ...zero(),
                  accountId: post.account_id,
                  day,
                  posts: 0,
                })
                .get(`${post.account_id}|${day}`)!
            for (const key of Object.keys(delta) as (keyof Counters)[]) dayRow[key] += delta[key]
            if (!previous) dayRow.posts++
            const published = post.published_at ?? row.metrics.collectedAt
            const hour = utcHour(published)
            const hourRow =
              hours.get(`${post.account_id}|${hour}`) ??
              hours
                .set(`${post.account_id}|${hour}`, {
                  ...zero(),
                  accountId: post.account_id,
                  hour,
                  posts: 0,
                })
                .get(`${post.account_id}|${hour}`)!
            hourRow.engagements += delta.engagements
            hourRow.audience += delta.audience
            if (!previous) hourRow.posts++
          }
          for (const id of ids) {
            const nextAt = next.get(id)
            updates.push({
              id,
              latest: current.get(id) ?? null,
              next: nextAt ? nextAt.toISOString() : null,
            })
          }
          if (updates.length > 0) {
            await tx.$executeRaw`
            UPDATE social_posts p
            SET engagement_metrics = COALESCE(x.latest, p.engagement_metrics),
              metrics_engagements = COALESCE((x.latest->>'engagements')::bigint, p.metrics_engagements),
              metrics_next_sync_at = x.next,
              metrics_misses = 0,
              metrics_stopped_at = CASE WHEN x.next IS NULL THEN now() ELSE NULL END,
              metrics_stop_reason = CASE WHEN x.next IS NULL THEN 'aged' ELSE NULL END
            FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
              AS x(id uuid, latest jsonb, next timestamptz)
            WHERE p.id = x.id`
          }
          if (days.size > 0) {
            await tx.$executeRaw`
            INSERT INTO metric_daily_rollups AS r (account_id, day, workspace_id, platform,
              impressions, reach, likes, comments, shares, clicks, saves, views, engagements,
              audience, posts, updated_at)
            SELECT x."accountId", x.day, x."workspaceId", x.platform::social_platform_enum,
              x.impressions, x.reach, x.likes, x.comments, x.shares, x.clicks, x.saves, x.views,
              x.engagements, x.audience, x.posts, now()
            FROM jsonb_to_recordset(${JSON.stringify(
              [...days.values()].map((d) => ({ ...d, ...meta.get(d.accountId) })),
            )}::jsonb) AS x("accountId" uuid, day date, "workspaceId" uuid, platform text,
              impressions bigint, reach bigint, likes bigint, comments bigint, shares bigint,
              clicks bigint, saves bigint, views bigint, engagements bigint, audience bigint,
              posts int)
            ON CONFLICT (account_id, day) DO UPDATE SET
              impressions = r.impressions + EXCLUDED.impressions, reach = r.reach + EXCLUDED.reach,
              likes = r.likes + EXCLUDED.likes, comments = r.comments + EXCLUDED.comments,
              shares = r.shares + EXCLUDED.shares, clicks = r.clicks + EXCLUDED.clicks,
              saves = r.saves + EXCLUDED.saves, views = r.views + EXCLUDED.views,
              engagements = r.engagements + EXCLUDED.engagements,
              audience = r.audience + EXCLUDED.audience, posts = r.posts + EXCLUDED.posts,
              updated_at = now()`
          }
          if (hours.size > 0) {
            await tx.$executeRaw`
            INSERT INTO metric_publish_hour_rollups AS r (account_id, hour, workspace_id, platform,
              posts, engagements, audience)
            SELECT x."accountId", x.hour, x."workspaceId", x.platform::social_platform_enum,
              x.posts, x.engagements, x.audience
            FROM jsonb_to_recordset(${JSON.stringify(
              [...hours.values()].map((h) => ({ ...h, ...meta.get(h.accountId) })),
            )}::jsonb) AS x("accountId" uuid, hour timestamptz, "workspaceId" uuid, platform text,
              posts int, engagements bigint, audience bigint)
            ON CONFLICT (account_id, hour) DO UPDATE SET
              posts = r.posts + EXCLUDED.posts, engagements = r.engagements + EXCLUDED.engagements,
              audience = r.audience + EXCLUDED.audience`
          }

          let deleted = 0
          if (missing.length > 0) {
            const marked = await tx.$queryRaw<{ id: string; stop_reason: string | null }[]>`
            UPDATE social_posts p
            SET metrics_misses = p.metrics_misses + 1,
              metrics_next_sync_at = CASE WHEN p.metrics_misses + 1 >= ${deleteAfter} THEN NULL
                ELSE x.next END,
              metrics_stopped_at = CASE WHEN p.metrics_misses + 1 >= ${deleteAfter} OR x.next IS NULL
                THEN now() ELSE NULL END,
              metrics_stop_reason = CASE WHEN p.metrics_misses + 1 >= ${deleteAfter} THEN 'deleted'
                WHEN x.next IS NULL THEN 'aged' ELSE NULL END
            FROM jsonb_to_recordset(${JSON.stringify(
              missing.map((m) => ({ id: m.postId, next: m.nextSyncAt?.toISOString() ?? null })),
            )}::jsonb) AS x(id uuid, next timestamptz)
            WHERE p.id = x.id AND p.metrics_stopped_at IS NULL
            RETURNING p.id, p.metrics_stop_reason AS stop_reason`
            deleted = marked.filter((m) => m.stop_reason === 'deleted').length
          }
          return { inserted: insertedRows.length, deleted }
          // Prisma's 5 s default ends a batch's transaction on a loaded machine; a batch is bounded
          // (one account, 100 targets), so a longer bound only lets a slow one finish.
        },
        { timeout: 30_000, maxWait: 10_000 },
      )
    },

    /**
     * Retention: raw snapshots collected before `olderThan` are thinned to the last one of each
     * post and UTC day (the rollups already hold every difference, so no figure changes). At most
     * `limit` rows go per call so a big backlog does not hold one long transaction; returns how
     * many were deleted (call again while it returns `limit`).
     */
    async thinSnapshots(input: { olderThan: Date; limit?: number }): Promise<{ deleted: number }> {
      const deleted = await prisma.$executeRaw`
        DELETE FROM metric_snapshots WHERE id IN (
          SELECT id FROM (
            SELECT id, row_number() OVER (
              PARTITION BY post_id, (collected_at AT TIME ZONE 'UTC')::date
              ORDER BY collected_at DESC) AS n
            FROM metric_snapshots WHERE collected_at < ${input.olderThan}
          ) ranked WHERE n > 1 LIMIT ${input.limit ?? 50_000})`
      return { deleted }
    },
  }
}

export type MetricsSyncRepository = ReturnType<typeof metricsSyncRepository>
