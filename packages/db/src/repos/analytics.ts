import { METRIC_FIELDS, type Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import { dayInZone } from './metric-deltas.js'
import type { LatestMetrics } from './metrics-sync.js'

// The analytics queries. Engagement figures come from the rollups (metric_daily_rollups,
// metric_publish_hour_rollups) and the latest figures kept on each post, never from raw
// snapshots, so a 90-day query reads a few hundred rollup rows whatever the snapshot count.

export interface AnalyticsFilter {
  workspaceId: string
  platform?: Platform
  /** Inclusive. */
  from: Date
  /** Exclusive. */
  to: Date
}

/** Sums of one rollup group: the counters, engagements and audience (see @statex/core). */
export type MetricSums = Record<(typeof METRIC_FIELDS)[number] | 'engagements' | 'audience', number>

export interface DailyRollupRow extends MetricSums {
  /** Day in the workspace's zone (as it was when the figures were measured), `YYYY-MM-DD`. */
  day: string
  platform: Platform
  /** Posts first measured that day. */
  posts: number
}

export interface TimeOfWeekRow {
  /** 0–23 in the zone asked for. */
  hour: number
  /** ISO weekday in that zone: 1 = Monday … 7 = Sunday. */
  weekday: number
  posts: number
  engagements: number
  audience: number
}

export interface TopPostRow {
  targetId: string
  postId: string
  accountId: string
  platform: Platform
  publishedAt: Date | null
  url: string | null
  metrics: LatestMetrics
  /** Clicks so far on the post's short links on this account (a lifetime count, as the metrics). */
  linkClicks: number
}

export interface PublishingHealthRow {
  /** null: every platform together. */
  platform: Platform | null
  /** Every target scheduled in the range, whatever its status. */
  total: number
  scheduled: number
  published: number
  failed: number
  medianLatenessMs: number | null
  p95LatenessMs: number | null
}

const num = (v: bigint | number | null | undefined) =>
  v === null || v === undefined ? 0 : Number(v)
// The last day a half-open [from, to) range touches.
const lastDay = (to: Date, timeZone = 'UTC') => dayInZone(new Date(to.getTime() - 1), timeZone)

export function analyticsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** The workspace's zone (best hours and weekdays are read in it). */
    async workspaceTimeZone(workspaceId: string): Promise<string> {
      const row = await prisma.workspace.findUnique({
        where: { id: workspaceId },
        select: { timeZone: true },
      })
      return row?.timeZone ?? 'UTC'
    },

    /**
     * Metrics gained per day and platform (the rollups), days of `timeZone` touched by the range.
     * Rollup days are the workspace's days, fixed when the figures were measured: give the
     * workspace's zone (a zone changed later does not move days already rolled up).
     */
    async dailyRollups(filter: AnalyticsFilter & { timeZone: string }): Promise<DailyRollupRow[]> {
      const rows = await prisma.$queryRaw<Record<string, bigint | string | Date>[]>`
        SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.platform::text AS platform,
          SUM(r.impressions)::float8 AS impressions, SUM(r.reach)::float8 AS reach, SUM(r.likes)::float8 AS likes,
          SUM(r.comments)::float8 AS comments, SUM(r.shares)::float8 AS shares, SUM(r.clicks)::float8 AS clicks,
          SUM(r.saves)::float8 AS saves, SUM(r.views)::float8 AS views, SUM(r.engagements)::float8 AS engagements,
          SUM(r.audience)::float8 AS audience, SUM(r.posts)::float8 AS posts
        FROM metric_daily_rollups r
        WHERE r.workspace_id = ${filter.workspaceId}::uuid
          AND r.day >= ${dayInZone(filter.from, filter.timeZone)}::date
          AND r.day <= ${lastDay(filter.to, filter.timeZone)}::date
          AND (${filter.platform ?? null}::text IS NULL OR r.platform::text = ${filter.platform ?? null}::text)
        GROUP BY r.day, r.platform ORDER BY r.day, r.platform`
      return rows.map((row) => {
        const out = {
          day: String(row.day),
          platform: row.platform as Platform,
          posts: num(row.posts as bigint),
        } as DailyRollupRow
        for (const f of [...METRIC_FIELDS, 'engagements', 'audience'] as const)
          out[f] = num(row[f] as bigint)
        return out
      })
    },

    /** Metrics gained in the range per account (the same rollups as `dailyRollups`, summed). */
    async accountRollups(
      filter: AnalyticsFilter & { timeZone: string },
    ): Promise<(MetricSums & { accountId: string; platform: Platform; posts: number })[]> {
      const rows = await prisma.$queryRaw<Record<string, number | string>[]>`
        SELECT r.account_id::text AS account_id, r.platform::text AS platform,
          SUM(r.impressions)::float8 AS impressions, SUM(r.reach)::float8 AS reach, SUM(r.likes)::float8 AS likes,
          SUM(r.comments)::float8 AS comments, SUM(r.shares)::float8 AS shares, SUM(r.clicks)::float8 AS clicks,
          SUM(r.saves)::float8 AS saves, SUM(r.views)::float8 AS views, SUM(r.engagements)::float8 AS engagements,
          SUM(r.audience)::float8 AS audience, SUM(r.posts)::float8 AS posts
        FROM metric_daily_rollups r
        WHERE r.workspace_id = ${filter.workspaceId}::uuid
          AND r.day >= ${dayInZone(filter.from, filter.timeZone)}::date
          AND r.day <= ${lastDay(filter.to, filter.timeZone)}::date
          AND (${filter.platform ?? null}::text IS NULL OR r.platform::text = ${filter.platform ?? null}::text)
        GROUP BY r.account_id, r.platform ORDER BY SUM(r.engagements) DESC, r.account_id`
      return rows.map((row) => {
        const out = {
          accountId: String(row.account_id),
          platform: row.platform as Platform,
          posts: num(row.posts as number),
        } as MetricSums & { accountId: string; platform: Platform; posts: number }
        for (const f of [...METRIC_FIELDS, 'engagements', 'audience'] as const)
          out[f] = num(row[f] as number)
        return out
      })
    },

    /** Engagement by the hour and weekday posts were published, in `timeZone`. */
    async timeOfWeek(filter: AnalyticsFilter & { timeZone: string }): Promise<TimeOfWeekRow[]> {
      const rows = await prisma.$queryRaw<
        { hour: number; weekday: number; posts: bigint; engagements: bigint; audience: bigint }[]
      >`
        -- Summed per UTC hour first (an index-ordered aggregate), so the zone conversion runs
        -- once per hour of the period rather than once per account and hour.
        SELECT EXTRACT(HOUR FROM h.hour AT TIME ZONE ${filter.timeZone})::int AS hour,
          EXTRACT(ISODOW FROM h.hour AT TIME ZONE ${filter.timeZone})::int AS weekday,
          SUM(h.posts)::float8 AS posts, SUM(h.engagements)::float8 AS engagements,
          SUM(h.audience)::float8 AS audience
        FROM (
          SELECT r.hour, SUM(r.posts) AS posts, SUM(r.engagements) AS engagements,
            SUM(r.audience) AS audience
          FROM metric_publish_hour_rollups r
          WHERE r.workspace_id = ${filter.workspaceId}::uuid
            AND r.hour >= ${filter.from} AND r.hour < ${filter.to}
            AND (${filter.platform ?? null}::text IS NULL OR r.platform::text = ${filter.platform ?? null}::text)
          GROUP BY r.hour
        ) h
        GROUP BY 1, 2`
      return rows.map((r) => ({
        hour: r.hour,
        weekday: r.weekday,
        posts: num(r.posts),
        engagements: num(r.engagements),
        audience: num(r.audience),
      }))
    },

    /** The published targets of the range with the most engagements (latest figures). */
    async topPosts(filter: AnalyticsFilter & { limit: number }): Promise<TopPostRow[]> {
      const rows = await prisma.$queryRaw<
        {
          id: string
          group_id: string
          account_id: string
          platform: Platform
          published_at: Date | null
          url: string | null
          engagement_metrics: LatestMetrics
          link_clicks: number
        }[]
      >`
        WITH top AS (
          -- An index-only scan per account (social_posts_account_published_metrics_idx).
          SELECT p.id, p.metrics_engagements
          FROM social_accounts a
          JOIN social_posts p ON p.account_id = a.id
          WHERE a.workspace_id = ${filter.workspaceId}::uuid
            AND (${filter.platform ?? null}::text IS NULL OR a.platform::text = ${filter.platform ?? null}::text)
            AND p.published_at >= ${filter.from} AND p.published_at < ${filter.to}
            AND p.metrics_engagements IS NOT NULL
          ORDER BY p.metrics_engagements DESC, p.id
          LIMIT ${filter.limit}
        )
        SELECT p.id, p.group_id, p.account_id, a.platform::text AS platform, p.published_at, p.url,
          p.engagement_metrics, COALESCE(l.clicks, 0)::float8 AS link_clicks
        FROM top JOIN social_posts p ON p.id = top.id JOIN social_accounts a ON a.id = p.account_id
        LEFT JOIN LATERAL (
          SELECT SUM(s.clicks) AS clicks FROM short_links s
          WHERE s.group_id = p.group_id AND s.account_id = p.account_id
        ) l ON true
        ORDER BY top.metrics_engagements DESC, p.id`
      return rows.map((r) => ({
        targetId: r.id,
        postId: r.group_id,
        accountId: r.account_id,
        platform: r.platform,
        publishedAt: r.published_at,
        url: r.url,
        metrics: r.engagement_metrics,
        linkClicks: Number(r.link_clicks),
      }))
    },

    /**
     * Publishing health of the targets scheduled in the range, per platform and overall:
     * counts by outcome, and the lateness of published ones (published_at − scheduled_at) median and p95.
     */
    async publishingHealth(filter: AnalyticsFilter): Promise<PublishingHealthRow[]> {
      const rows = await prisma.$queryRaw<
        {
          platform: Platform | null
          total: bigint
          scheduled: bigint
          published: bigint
          failed: bigint
          lateness: number[] | null
        }[]
      >`
        SELECT a.platform::text AS platform, COUNT(*)::float8 AS total,
          COUNT(*) FILTER (WHERE p.status = 'SCHEDULED')::float8 AS scheduled,
          COUNT(*) FILTER (WHERE p.status = 'PUBLISHED')::float8 AS published,
          COUNT(*) FILTER (WHERE p.status = 'FAILED')::float8 AS failed,
          -- One sort per group for both figures.
          percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY GREATEST(0,
            EXTRACT(EPOCH FROM p.published_at - p.scheduled_at) * 1000))
            FILTER (WHERE p.status = 'PUBLISHED') AS lateness
        FROM social_accounts a
        JOIN social_posts p ON p.account_id = a.id
        WHERE a.workspace_id = ${filter.workspaceId}::uuid
          AND (${filter.platform ?? null}::text IS NULL OR a.platform::text = ${filter.platform ?? null}::text)
          AND p.scheduled_at >= ${filter.from} AND p.scheduled_at < ${filter.to}
        GROUP BY GROUPING SETS ((a.platform), ())`
      return rows.map((r) => ({
        platform: r.platform,
        total: num(r.total),
        scheduled: num(r.scheduled),
        published: num(r.published),
        failed: num(r.failed),
        medianLatenessMs: r.lateness?.[0] == null ? null : Math.round(r.lateness[0]),
        p95LatenessMs: r.lateness?.[1] == null ? null : Math.round(r.lateness[1]),
      }))
    },

    /**
     * Failed targets scheduled in the range by platform and reason: the error kind of their
     * last attempt (`rate_limited`, `auth_revoked`, …), `not_attempted` when none ran (an
     * account that needed reconnecting when the post was due).
     */
    async failuresByReason(
      filter: AnalyticsFilter,
    ): Promise<{ platform: Platform; reason: string; count: number }[]> {
      const rows = await prisma.$queryRaw<{ platform: Platform; reason: string; count: bigint }[]>`
        SELECT a.platform::text AS platform, COALESCE(last.error_kind, 'not_attempted') AS reason,
          COUNT(*)::float8 AS count
        FROM social_accounts a
        JOIN social_posts p ON p.account_id = a.id
        LEFT JOIN LATERAL (
          SELECT t.error_kind FROM publish_attempts t WHERE t.post_id = p.id
          ORDER BY t.attempt_number DESC LIMIT 1
        ) last ON true
        WHERE a.workspace_id = ${filter.workspaceId}::uuid
          AND (${filter.platform ?? null}::text IS NULL OR a.platform::text = ${filter.platform ?? null}::text)
          AND p.scheduled_at >= ${filter.from} AND p.scheduled_at < ${filter.to}
          AND p.status = 'FAILED'
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`
      return rows.map((r) => ({ platform: r.platform, reason: r.reason, count: num(r.count) }))
    },

    /** Accounts whose authorization is broken or lapses within `withinMs`: token problems. */
    async tokenProblems(input: {
      workspaceId: string
      now: Date
      withinMs: number
    }): Promise<{ needsReconnect: number; disabled: number; lapsingSoon: number }> {
      const [row] = await prisma.$queryRaw<
        { needs_reconnect: bigint; disabled: bigint; lapsing: bigint }[]
      >`
        SELECT COUNT(*) FILTER (WHERE status = 'needs_reconnect')::float8 AS needs_reconnect,
          COUNT(*) FILTER (WHERE status = 'disabled')::float8 AS disabled,
          COUNT(*) FILTER (WHERE status = 'active' AND auth_lapses_at IS NOT NULL
            AND auth_lapses_at < ${new Date(input.now.getTime() + input.withinMs)}) AS lapsing
        FROM social_accounts WHERE workspace_id = ${input.workspaceId}::uuid`
      return {
        needsReconnect: num(row?.needs_reconnect),
        disabled: num(row?.disabled),
        lapsingSoon: num(row?.lapsing),
      }
    },

    /** One target's metric series in the workspace, with its latest figures and sync state. */
    async targetsOfPost(
      workspaceId: string,
      postId: string,
    ): Promise<
      {
        targetId: string
        accountId: string
        platform: Platform
        publishedAt: Date | null
        latest: LatestMetrics | null
        nextSyncAt: Date | null
        stoppedReason: string | null
      }[]
    > {
      const rows = await prisma.$queryRaw<
        {
          id: string
          account_id: string
          platform: Platform
          published_at: Date | null
          engagement_metrics: LatestMetrics | null
          metrics_next_sync_at: Date | null
          metrics_stop_reason: string | null
        }[]
      >`
        SELECT p.id, p.account_id, a.platform::text AS platform, p.published_at,
          p.engagement_metrics, p.metrics_next_sync_at, p.metrics_stop_reason
        FROM social_posts p
        JOIN post_groups g ON g.id = p.group_id
        JOIN social_accounts a ON a.id = p.account_id
        WHERE g.workspace_id = ${workspaceId}::uuid AND g.id = ${postId}::uuid
        ORDER BY p.created_at, p.id`
      return rows.map((r) => ({
        targetId: r.id,
        accountId: r.account_id,
        platform: r.platform,
        publishedAt: r.published_at,
        latest: r.engagement_metrics,
        nextSyncAt: r.metrics_next_sync_at,
        stoppedReason: r.metrics_stop_reason,
      }))
    },

    /** Latest account-level figures per account of the workspace (followers, page reach). */
    async latestAccountMetrics(filter: AnalyticsFilter): Promise<
      {
        accountId: string
        platform: Platform
        day: string
        followers: number | null
        reach: number | null
      }[]
    > {
      const rows = await prisma.$queryRaw<
        {
          account_id: string
          platform: Platform
          day: string
          followers: number | null
          reach: number | null
        }[]
      >`
        SELECT DISTINCT ON (s.account_id) s.account_id, a.platform::text AS platform,
          to_char(s.day, 'YYYY-MM-DD') AS day, s.followers, s.reach
        FROM account_metric_snapshots s JOIN social_accounts a ON a.id = s.account_id
        WHERE a.workspace_id = ${filter.workspaceId}::uuid
          AND (${filter.platform ?? null}::text IS NULL OR a.platform::text = ${filter.platform ?? null}::text)
          AND s.day <= ${lastDay(filter.to)}::date
        ORDER BY s.account_id, s.day DESC`
      return rows.map((r) => ({
        accountId: r.account_id,
        platform: r.platform,
        day: r.day,
        followers: r.followers,
        reach: r.reach,
      }))
    },
  }
}

export type AnalyticsRepository = ReturnType<typeof analyticsRepository>
