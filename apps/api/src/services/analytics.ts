import { METRIC_FIELDS, PLATFORMS, engagementRate, type Platform } from '@statex/core'
import type { AnalyticsFilter, Db, MetricSums } from '@statex/db'
import type { z } from 'zod'
import { ApiError } from '../errors.js'
import type { AnalyticsAnswer } from '../schemas/analytics.js'

type Answer = z.infer<typeof AnalyticsAnswer>

const DAY_MS = 86_400_000
const DEFAULT_RANGE_MS = 30 * DAY_MS
/** One query reads at most this span: a few hundred rollup rows a year per account. */
const MAX_RANGE_MS = 366 * DAY_MS
const LAPSING_WITHIN_MS = 7 * DAY_MS
const TOP_POSTS = 10

const SUM_FIELDS = [...METRIC_FIELDS, 'engagements', 'audience'] as const

const zero = (): MetricSums => Object.fromEntries(SUM_FIELDS.map((f) => [f, 0])) as MetricSums

const add = (
  into: MetricSums,
  from: Partial<Record<(typeof SUM_FIELDS)[number], number | null>>,
) => {
  for (const f of SUM_FIELDS) into[f] += from[f] ?? 0
  return into
}

// Costs are recorded to the micro-dollar (numeric(12,6)); sums keep that, not float noise.
const roundUsd = (usd: number) => Math.round(usd * 1e6) / 1e6
const rateOf = (m: { engagements: number; audience: number }) => engagementRate(m)
const successRate = (published: number, failed: number) =>
  published + failed > 0 ? published / (published + failed) : null

/** The period asked for, defaulted and checked: `[from, to)`, at most 366 days. */
export function analyticsRange(
  query: { startDate?: string; endDate?: string },
  now: Date,
): { from: Date; to: Date } {
  const to = query.endDate ? new Date(query.endDate) : now
  const from = query.startDate
    ? new Date(query.startDate)
    : new Date(to.getTime() - DEFAULT_RANGE_MS)
  if (from.getTime() >= to.getTime())
    throw new ApiError('INVALID_INPUT', {
      message: 'startDate must be before endDate.',
      details: [{ path: 'startDate', message: 'must be before endDate' }],
    })
  if (to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw new ApiError('INVALID_INPUT', {
      message: 'The period is longer than 366 days; ask for a shorter one (or one per year).',
      details: [{ path: 'startDate', message: 'at most 366 days before endDate' }],
    })
  return { from, to }
}

/** Per account: its rollups with their rate, and its link clicks (an account only clicked shows too). */
function accountFigures(
  rollups: (MetricSums & { accountId: string; platform: Platform; posts: number })[],
  clicks: { accountId: string; platform: Platform; clicks: number }[],
): Answer['perAccount'] {
  const clicksOf = new Map(clicks.map((c) => [c.accountId, c.clicks]))
  const measured = rollups.map(({ accountId, platform, posts, ...sums }) => {
    const metrics = add(zero(), sums)
    return {
      accountId,
      platform,
      metrics,
      engagementRate: rateOf(metrics),
      posts,
      linkClicks: clicksOf.get(accountId) ?? 0,
    }
  })
  const seen = new Set(rollups.map((r) => r.accountId))
  const onlyClicked = clicks
    .filter((c) => !seen.has(c.accountId))
    .map((c) => ({
      accountId: c.accountId,
      platform: c.platform,
      metrics: zero(),
      engagementRate: null,
      posts: 0,
      linkClicks: c.clicks,
    }))
  return [...measured, ...onlyClicked]
}

/** Every figure of `GET /v1/analytics`, from the rollups and the posts' latest figures. */
export async function buildAnalytics(db: Db, filter: AnalyticsFilter, now: Date): Promise<Answer> {
  const timeZone = await db.analytics.workspaceTimeZone(filter.workspaceId)
  const zoned = { ...filter, timeZone }
  const [
    daily,
    times,
    top,
    health,
    failures,
    tokens,
    accounts,
    clicks,
    perAccount,
    accountClicks,
    ai,
    authErrors,
    attention,
  ] = await Promise.all([
    db.analytics.dailyRollups(zoned),
    db.analytics.timeOfWeek(zoned),
    db.analytics.topPosts({ ...filter, limit: TOP_POSTS }),
    db.analytics.publishingHealth(filter),
    db.analytics.failuresByReason(filter),
    db.analytics.tokenProblems({
      workspaceId: filter.workspaceId,
      now,
      withinMs: LAPSING_WITHIN_MS,
    }),
    db.analytics.latestAccountMetrics(filter),
    db.analytics.linkClicksByDay(zoned),
    db.analytics.accountRollups(zoned),
    db.analytics.linkClicksByAccount(filter),
    db.analytics.aiUsageByTier(filter),
    db.analytics.authErrors(filter),
    db.analytics.accountsNeedingAttention({
      workspaceId: filter.workspaceId,
      ...(filter.platform ? { platform: filter.platform } : {}),
      lapsesBefore: new Date(now.getTime() + LAPSING_WITHIN_MS),
    }),
  ])

  const totals = zero()
  const perPlatform = new Map<Platform, MetricSums>()
  const perDay = new Map<string, { metrics: MetricSums; posts: number; linkClicks: number }>()
  const dayOf = (date: string) =>
    perDay.get(date) ?? perDay.set(date, { metrics: zero(), posts: 0, linkClicks: 0 }).get(date)!
  for (const row of daily) {
    add(totals, row)
    add(
      perPlatform.get(row.platform) ?? perPlatform.set(row.platform, zero()).get(row.platform)!,
      row,
    )
    const day = dayOf(row.day)
    add(day.metrics, row)
    day.posts += row.posts
  }
  let totalClicks = 0
  const clicksOf = new Map<Platform, number>()
  for (const row of clicks) {
    totalClicks += row.clicks
    clicksOf.set(row.platform, (clicksOf.get(row.platform) ?? 0) + row.clicks)
    dayOf(row.day).linkClicks += row.clicks
  }
  const counts = (platform: Platform | null) => {
    const row = health.find((h) => h.platform === platform)
    return {
      published: row?.published ?? 0,
      failed: row?.failed ?? 0,
      scheduled: row?.scheduled ?? 0,
      total: row?.total ?? 0,
    }
  }
  const lateness = (platform: Platform | null) => {
    const row = health.find((h) => h.platform === platform)
    return { medianMs: row?.medianLatenessMs ?? null, p95Ms: row?.p95LatenessMs ?? null }
  }
  const platforms = PLATFORMS.filter(
    (p) => perPlatform.has(p) || clicksOf.has(p) || health.some((h) => h.platform === p),
  )

  const slot = <K extends 'hour' | 'weekday'>(key: K) => {
    const by = new Map<number, { posts: number; engagements: number; audience: number }>()
    for (const row of times) {
      const entry =
        by.get(row[key]) ??
        by.set(row[key], { posts: 0, engagements: 0, audience: 0 }).get(row[key])!
      entry.posts += row.posts
      entry.engagements += row.engagements
      entry.audience += row.audience
    }
    return [...by]
      .map(([value, e]) => ({
        [key]: value,
        posts: e.posts,
        engagements: e.engagements,
        engagementRate: rateOf(e),
        // Best first: engagements per post, so a slot is not "best" for having more posts.
        perPost: e.posts > 0 ? e.engagements / e.posts : 0,
      }))
      .sort((a, b) => b.perPost - a.perPost || a[key]! - b[key]!)
      .map(({ perPost: _perPost, ...rest }) => rest) as ({ [P in K]: number } & {
      posts: number
      engagements: number
      engagementRate: number | null
    })[]
  }

  const all = counts(null)
  return {
    range: { startDate: filter.from.toISOString(), endDate: filter.to.toISOString(), timeZone },
    totals: {
      posts: all,
      metrics: totals,
      engagementRate: rateOf(totals),
      linkClicks: totalClicks,
    },
    platforms: platforms.map((platform) => {
      const metrics = perPlatform.get(platform) ?? zero()
      return {
        platform,
        posts: counts(platform),
        metrics,
        engagementRate: rateOf(metrics),
        linkClicks: clicksOf.get(platform) ?? 0,
      }
    }),
    perAccount: accountFigures(perAccount, accountClicks),
    daily: [...perDay]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, d]) => ({
        date,
        metrics: d.metrics,
        engagementRate: rateOf(d.metrics),
        posts: d.posts,
        linkClicks: d.linkClicks,
      })),
    topPosts: top.map((p) => {
      const metrics = add(zero(), p.metrics)
      return {
        targetId: p.targetId,
        postId: p.postId,
        accountId: p.accountId,
        platform: p.platform,
        publishedAt: p.publishedAt?.toISOString() ?? null,
        url: p.url,
        metrics,
        engagementRate: rateOf(metrics),
        linkClicks: p.linkClicks,
      }
    }),
    bestTimes: { timeZone, hours: slot('hour'), weekdays: slot('weekday') },
    publishing: {
      successRate: successRate(all.published, all.failed),
      lateness: lateness(null),
      failures,
      platforms: platforms.map((platform) => {
        const c = counts(platform)
        return {
          platform,
          successRate: successRate(c.published, c.failed),
          lateness: lateness(platform),
        }
      }),
      accounts: tokens,
      tokenProblems: {
        authErrors,
        accounts: attention.map((a) => ({
          ...a,
          authLapsesAt: a.authLapsesAt?.toISOString() ?? null,
        })),
      },
      ai: {
        tiers: ai,
        totalCostUsd: roundUsd(ai.reduce((sum, t) => sum + t.costUsd, 0)),
        replies: ai.reduce((sum, t) => sum + t.replies, 0),
        replyCostUsd: roundUsd(ai.reduce((sum, t) => sum + t.replyCostUsd, 0)),
      },
    },
    accounts: accounts.map((a) => ({
      accountId: a.accountId,
      platform: a.platform,
      date: a.day,
      followers: a.followers,
      reach: a.reach,
    })),
  }
}

const csvCell = (value: string | number | null) => {
  if (value === null) return ''
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The daily series per platform as CSV (one row per day of the workspace's zone and platform),
 * with the rate and our short links' clicks.
 */
export async function analyticsCsv(db: Db, filter: AnalyticsFilter): Promise<string> {
  const timeZone = await db.analytics.workspaceTimeZone(filter.workspaceId)
  const [rows, clicks] = await Promise.all([
    db.analytics.dailyRollups({ ...filter, timeZone }),
    db.analytics.linkClicksByDay({ ...filter, timeZone }),
  ])
  const key = (day: string, platform: string) => `${day}|${platform}`
  const clicksOf = new Map(clicks.map((c) => [key(c.day, c.platform), c.clicks]))
  const byKey = new Map(rows.map((r) => [key(r.day, r.platform), r]))
  // A day with clicks but no measured metrics still gets its row.
  for (const c of clicks)
    if (!byKey.has(key(c.day, c.platform)))
      byKey.set(key(c.day, c.platform), { ...zero(), day: c.day, platform: c.platform, posts: 0 })
  const ordered = [...byKey.values()].sort((a, b) =>
    a.day === b.day ? a.platform.localeCompare(b.platform) : a.day < b.day ? -1 : 1,
  )
  const header = [
    'date',
    'platform',
    ...SUM_FIELDS,
    'engagement_rate',
    'posts_first_measured',
    'link_clicks',
  ]
  const lines = ordered.map((r) =>
    [
      r.day,
      r.platform,
      ...SUM_FIELDS.map((f) => r[f]),
      rateOf(r),
      r.posts,
      clicksOf.get(key(r.day, r.platform)) ?? 0,
    ]
      .map(csvCell)
      .join(','),
  )
  return `${[header.join(','), ...lines].join('\n')}\n`
}
