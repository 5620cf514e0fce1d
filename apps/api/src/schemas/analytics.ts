import { z } from 'zod'
import { Id, Instant, Platform } from './common.js'

export const ENGAGEMENT_RATE_DOC =
  'engagement rate = Σ engagements / Σ audience over the same posts, where engagements = likes + comments + shares + saves + clicks and audience = impressions, else views, else reach (the first the platform gives); null when the audience is 0.'

export const AnalyticsQuery = z
  .object({
    platform: Platform.optional(),
    startDate: Instant.optional().describe('Inclusive; default 30 days before endDate.'),
    endDate: Instant.optional().describe('Exclusive; default now.'),
  })
  .strict()

export const Metrics = z
  .object({
    impressions: z.number(),
    reach: z.number(),
    likes: z.number(),
    comments: z.number(),
    shares: z.number(),
    clicks: z.number(),
    saves: z.number(),
    views: z.number(),
    engagements: z.number(),
    audience: z.number(),
  })
  .meta({ id: 'Metrics' })

const Rate = z.number().nullable().describe(ENGAGEMENT_RATE_DOC)

const PostCounts = z.object({
  published: z.number(),
  failed: z.number(),
  scheduled: z.number(),
  total: z.number(),
})

const Lateness = z.object({
  medianMs: z.number().nullable(),
  p95Ms: z.number().nullable(),
})

const TimeSlot = z.object({
  posts: z.number(),
  engagements: z.number(),
  engagementRate: Rate,
})

const LinkClicks = z
  .number()
  .describe(
    'Clicks on our short links (/l/:code) in the posts, counted by us; apart from metrics.clicks, which the platform reports.',
  )

const AiTierUsage = z.object({
  tier: z.enum(['ollama', 'openai', 'azure']),
  calls: z.number().describe('Every answered model call of the tier (replies, triage, rewrites).'),
  replies: z.number().describe('Calls that drafted a reply.'),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  replyCostUsd: z.number(),
})

export const AnalyticsAnswer = z.object({
  range: z.object({ startDate: Instant, endDate: Instant, timeZone: z.string() }),
  totals: z.object({
    posts: PostCounts,
    metrics: Metrics,
    engagementRate: Rate,
    linkClicks: LinkClicks,
  }),
  platforms: z.array(
    z.object({
      platform: Platform,
      posts: PostCounts,
      metrics: Metrics,
      engagementRate: Rate,
      linkClicks: LinkClicks,
    }),
  ),
  perAccount: z
    .array(
      z.object({
        accountId: Id,
        platform: Platform,
        metrics: Metrics,
        engagementRate: Rate,
        posts: z.number().describe('Posts first measured in the period.'),
        linkClicks: LinkClicks,
      }),
    )
    .describe('Metrics gained in the period per account, most engagements first.'),
  daily: z
    .array(
      z.object({
        date: z
          .string()
          .describe(
            "Day in the workspace's zone (range.timeZone), YYYY-MM-DD: what was gained that day.",
          ),
        metrics: Metrics,
        engagementRate: Rate,
        posts: z.number().describe('Posts first measured that day.'),
        linkClicks: LinkClicks,
      }),
    )
    .describe(
      "Metrics gained per day of the workspace's zone (differences between consecutive snapshots), and link clicks. Days are fixed when the figures are measured: after the workspace changes its zone, earlier days keep the old zone's bounds.",
    ),
  topPosts: z.array(
    z.object({
      targetId: Id,
      postId: Id,
      accountId: Id,
      platform: Platform,
      publishedAt: Instant.nullable(),
      url: z.string().nullable(),
      metrics: Metrics,
      engagementRate: Rate,
      linkClicks: LinkClicks.describe(
        'Clicks so far on the short links of this post on this account.',
      ),
    }),
  ),
  bestTimes: z
    .object({
      timeZone: z.string(),
      hours: z.array(TimeSlot.extend({ hour: z.number().int().min(0).max(23) })),
      weekdays: z.array(
        TimeSlot.extend({ weekday: z.number().int().min(1).max(7).describe('1 = Monday') }),
      ),
    })
    .describe(
      'Engagement of posts by the hour and weekday they were published, in the workspace zone, best first.',
    ),
  publishing: z.object({
    successRate: z
      .number()
      .nullable()
      .describe('published / (published + failed); null when none ended.'),
    lateness: Lateness.describe('published_at − scheduled_at of published targets.'),
    failures: z.array(z.object({ platform: Platform, reason: z.string(), count: z.number() })),
    platforms: z.array(
      z.object({ platform: Platform, successRate: z.number().nullable(), lateness: Lateness }),
    ),
    accounts: z.object({
      needsReconnect: z.number(),
      disabled: z.number(),
      lapsingSoon: z.number().describe('Active accounts whose authorization lapses within 7 days.'),
    }),
    tokenProblems: z
      .object({
        authErrors: z
          .array(z.object({ platform: Platform, kind: z.string(), count: z.number() }))
          .describe(
            'Publish attempts refused for authorization (auth_revoked, auth_expired), of targets scheduled in the range.',
          ),
        accounts: z
          .array(
            z.object({
              accountId: Id,
              platform: Platform,
              displayName: z.string(),
              status: z.enum(['active', 'needs_reconnect', 'disabled']),
              reason: z.string().nullable(),
              authLapsesAt: Instant.nullable(),
            }),
          )
          .describe(
            'Accounts to act on now: needing reconnection, disabled, or lapsing within 7 days.',
          ),
      })
      .describe('Token problems: what failed in the range, and which accounts need a person now.'),
    ai: z
      .object({
        tiers: z.array(AiTierUsage),
        totalCostUsd: z.number(),
        replies: z.number(),
        replyCostUsd: z.number(),
      })
      .describe(
        'AI model calls in the range by tier, with their cost (US dollars, as recorded per call).',
      ),
  }),
  accounts: z
    .array(
      z.object({
        accountId: Id,
        platform: Platform,
        date: z.string(),
        followers: z.number().nullable(),
        reach: z.number().nullable(),
      }),
    )
    .describe('The latest account-level figures of each account that has them.'),
})

export const PostMetricsQuery = z
  .object({ startDate: Instant.optional(), endDate: Instant.optional() })
  .strict()

export const PostMetricsAnswer = z.object({
  postId: Id,
  targets: z.array(
    z.object({
      targetId: Id,
      accountId: Id,
      platform: Platform,
      publishedAt: Instant.nullable(),
      latest: Metrics.extend({ collectedAt: Instant }).nullable(),
      engagementRate: Rate,
      sync: z.object({
        nextAt: Instant.nullable(),
        stopped: z
          .enum(['aged', 'deleted', 'no_post_metrics'])
          .nullable()
          .describe(
            'aged: past the sync window; deleted: gone from the platform; no_post_metrics: the platform gives no per-post metrics (Telegram, WhatsApp), so none are fetched.',
          ),
      }),
      series: z.array(
        z.object({
          collectedAt: Instant,
          impressions: z.number().nullable(),
          reach: z.number().nullable(),
          likes: z.number().nullable(),
          comments: z.number().nullable(),
          shares: z.number().nullable(),
          clicks: z.number().nullable(),
          saves: z.number().nullable(),
          views: z.number().nullable(),
        }),
      ),
    }),
  ),
})
