import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import type { AiTier } from '../types.js'
import type { AnalyticsFilter } from './analytics.js'

// The analytics figures beside engagement: what AI replies cost, authorization trouble, and
// clicks on our short links. Each reads an index on (workspace, time), never a whole table.

export interface AiTierUsageRow {
  tier: AiTier
  /** Every answered model call of the tier (replies, triage, rewrites…). */
  calls: number
  /** Calls made to draft a reply (`purpose = 'reply'`). */
  replies: number
  tokensIn: number
  tokensOut: number
  costUsd: number
  replyCostUsd: number
}

export interface AuthErrorRow {
  platform: Platform
  /** `auth_revoked` or `auth_expired`, as the publish attempt recorded it. */
  kind: string
  count: number
}

export interface AccountNeedingAttention {
  accountId: string
  platform: Platform
  displayName: string
  status: 'active' | 'needs_reconnect' | 'disabled'
  reason: string | null
  authLapsesAt: Date | null
}

export interface LinkClickDayRow {
  /** Day in the zone asked for, `YYYY-MM-DD`. */
  day: string
  platform: Platform
  clicks: number
}

const num = (v: bigint | number | string | null | undefined) =>
  v === null || v === undefined ? 0 : Number(v)

export function analyticsHealthRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * AI calls made in the range, per tier. With a platform, only calls tied to an interaction
     * of that platform (a call about no interaction, a composer rewrite, has no platform).
     */
    async aiUsageByTier(filter: AnalyticsFilter): Promise<AiTierUsageRow[]> {
      const rows = await prisma.$queryRaw<
        {
          tier: AiTier
          calls: number
          replies: number
          tokens_in: number
          tokens_out: number
          cost: string
          reply_cost: string
        }[]
      >`
        SELECT u.tier::text AS tier, COUNT(*)::float8 AS calls,
          COUNT(*) FILTER (WHERE u.purpose = 'reply')::float8 AS replies,
          COALESCE(SUM(u.tokens_in), 0)::float8 AS tokens_in,
          COALESCE(SUM(u.tokens_out), 0)::float8 AS tokens_out,
          COALESCE(SUM(u.cost_usd), 0)::text AS cost,
          COALESCE(SUM(u.cost_usd) FILTER (WHERE u.purpose = 'reply'), 0)::text AS reply_cost
        FROM ai_usage u
        WHERE u.workspace_id = ${filter.workspaceId}::uuid
          AND u.created_at >= ${filter.from} AND u.created_at < ${filter.to}
          AND (${filter.platform ?? null}::text IS NULL OR EXISTS (
            SELECT 1 FROM social_interactions i
            WHERE i.id = u.interaction_id AND i.platform::text = ${filter.platform ?? null}::text))
        GROUP BY u.tier ORDER BY u.tier`
      return rows.map((r) => ({
        tier: r.tier,
        calls: num(r.calls),
        replies: num(r.replies),
        tokensIn: num(r.tokens_in),
        tokensOut: num(r.tokens_out),
        costUsd: num(r.cost),
        replyCostUsd: num(r.reply_cost),
      }))
    },

    /**
     * Publish attempts refused for authorization, of the targets scheduled in the range (as the
     * other publishing figures count them), per platform and kind.
     */
    async authErrors(filter: AnalyticsFilter): Promise<AuthErrorRow[]> {
      const rows = await prisma.$queryRaw<{ platform: Platform; kind: string; count: number }[]>`
        SELECT a.platform::text AS platform, t.error_kind AS kind, COUNT(*)::float8 AS count
        FROM social_accounts a
        JOIN social_posts p ON p.account_id = a.id
        JOIN publish_attempts t ON t.post_id = p.id
        WHERE a.workspace_id = ${filter.workspaceId}::uuid
          AND (${filter.platform ?? null}::text IS NULL OR a.platform::text = ${filter.platform ?? null}::text)
          AND p.scheduled_at >= ${filter.from} AND p.scheduled_at < ${filter.to}
          AND t.error_kind IN ('auth_revoked', 'auth_expired')
        GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`
      return rows.map((r) => ({ platform: r.platform, kind: r.kind, count: num(r.count) }))
    },

    /**
     * Accounts a person has to act on now: needing reconnection, disabled, or whose
     * authorization lapses before `lapsesBefore`.
     */
    async accountsNeedingAttention(input: {
      workspaceId: string
      platform?: Platform
      lapsesBefore: Date
    }): Promise<AccountNeedingAttention[]> {
      const rows = await prisma.$queryRaw<
        {
          id: string
          platform: Platform
          display_name: string
          status: AccountNeedingAttention['status']
          status_reason: string | null
          auth_lapses_at: Date | null
        }[]
      >`
        SELECT id, platform::text AS platform, display_name, status::text AS status, status_reason,
          auth_lapses_at
        FROM social_accounts
        WHERE workspace_id = ${input.workspaceId}::uuid
          AND (${input.platform ?? null}::text IS NULL OR platform::text = ${input.platform ?? null}::text)
          AND (status <> 'active' OR (auth_lapses_at IS NOT NULL AND auth_lapses_at < ${input.lapsesBefore}))
        ORDER BY status DESC, auth_lapses_at NULLS LAST, display_name, id`
      return rows.map((r) => ({
        accountId: r.id,
        platform: r.platform,
        displayName: r.display_name,
        status: r.status,
        reason: r.status_reason,
        authLapsesAt: r.auth_lapses_at,
      }))
    },

    /** Clicks on the workspace's short links in the range, per day of `timeZone` and platform. */
    async linkClicksByDay(
      filter: AnalyticsFilter & { timeZone: string },
    ): Promise<LinkClickDayRow[]> {
      const rows = await prisma.$queryRaw<{ day: string; platform: Platform; clicks: number }[]>`
        SELECT to_char((h.hour AT TIME ZONE ${filter.timeZone})::date, 'YYYY-MM-DD') AS day,
          h.platform::text AS platform, SUM(h.clicks)::float8 AS clicks
        FROM short_link_click_hours h
        WHERE h.workspace_id = ${filter.workspaceId}::uuid
          AND h.hour >= ${filter.from} AND h.hour < ${filter.to}
          AND (${filter.platform ?? null}::text IS NULL OR h.platform::text = ${filter.platform ?? null}::text)
        GROUP BY 1, 2 ORDER BY 1, 2`
      return rows.map((r) => ({ day: r.day, platform: r.platform, clicks: num(r.clicks) }))
    },

    /** Clicks on the workspace's short links in the range, per account. */
    async linkClicksByAccount(
      filter: AnalyticsFilter,
    ): Promise<{ accountId: string; platform: Platform; clicks: number }[]> {
      const rows = await prisma.$queryRaw<
        { account_id: string; platform: Platform; clicks: number }[]
      >`
        SELECT l.account_id::text AS account_id, h.platform::text AS platform,
          SUM(h.clicks)::float8 AS clicks
        FROM short_link_click_hours h JOIN short_links l ON l.id = h.link_id
        WHERE h.workspace_id = ${filter.workspaceId}::uuid
          AND h.hour >= ${filter.from} AND h.hour < ${filter.to}
          AND (${filter.platform ?? null}::text IS NULL OR h.platform::text = ${filter.platform ?? null}::text)
        GROUP BY 1, 2`
      return rows.map((r) => ({
        accountId: r.account_id,
        platform: r.platform,
        clicks: num(r.clicks),
      }))
    },
  }
}

export type AnalyticsHealthRepository = ReturnType<typeof analyticsHealthRepository>
