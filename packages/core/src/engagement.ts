import type { MetricField } from './provider.js'

/** The counters every figure is built from, in the order tables and CSV columns show them. */
export const METRIC_FIELDS = [
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'clicks',
  'saves',
  'views',
] as const satisfies readonly MetricField[]

/** Counters of one post, or sums over many; a field a platform does not give is absent or null. */
export type MetricCounts = Partial<Record<MetricField, number | null>>

/** The actions that count as engaging with a post. */
export const ENGAGEMENT_FIELDS = ['likes', 'comments', 'shares', 'saves', 'clicks'] as const

/**
 * Engagements: `likes + comments + shares + saves + clicks` (a missing field counts 0).
 * Views are not engagements: they are what a post is shown, not what a person did with it.
 */
export function engagementsOf(metrics: MetricCounts): number {
  let sum = 0
  for (const field of ENGAGEMENT_FIELDS) sum += metrics[field] ?? 0
  return sum
}

/**
 * The audience the rate is taken over: `impressions`, else `views`, else `reach`, the first the
 * platform gives (Instagram reports views and reach but no impressions since 2025; LinkedIn member
 * posts give none, so their audience is 0 and they have no rate).
 */
export function audienceOf(metrics: MetricCounts): number {
  return metrics.impressions ?? metrics.views ?? metrics.reach ?? 0
}

/**
 * The engagement rate, defined once and used by every figure (a post, a day, an account, a
 * platform, a workspace):
 *
 *     engagement rate = Σ engagements / Σ audience
 *
 * with both sums over the same posts (see `engagementsOf` and `audienceOf`). A ratio of sums, not a
 * mean of per-post rates, so one post seen by 3 people does not outweigh one seen by 30,000.
 * `null` when the audience is 0 (nothing to take a rate over).
 */
export function engagementRate(totals: { engagements: number; audience: number }): number | null {
  return totals.audience > 0 ? totals.engagements / totals.audience : null
}

export interface MetricsSchedule {
  /** Every this long while the post is younger than `frequentForMs`. Default 15 minutes. */
  frequentEveryMs: number
  /** Default 6 hours. */
  frequentForMs: number
  /** Then every this long while younger than `hourlyForMs`. Default 1 hour. */
  hourlyEveryMs: number
  /** Default 48 hours. */
  hourlyForMs: number
  /** Then every this long. Default 24 hours. */
  dailyEveryMs: number
  /** No more syncs once a post is this old. Default 30 days. */
  maxAgeMs: number
}

export const DEFAULT_METRICS_SCHEDULE: Readonly<MetricsSchedule> = Object.freeze({
  frequentEveryMs: 15 * 60_000,
  frequentForMs: 6 * 3_600_000,
  hourlyEveryMs: 3_600_000,
  hourlyForMs: 48 * 3_600_000,
  dailyEveryMs: 24 * 3_600_000,
  maxAgeMs: 30 * 24 * 3_600_000,
})

/**
 * When a published post's metrics are fetched next, after a fetch at `now`: often while a post is
 * young (most engagement comes in its first hours), then hourly, then daily; `null` once the post
 * has reached `maxAgeMs` (its figures have settled; the last snapshot stays).
 */
export function nextMetricsSync(
  publishedAt: Date,
  now: Date,
  schedule: MetricsSchedule = DEFAULT_METRICS_SCHEDULE,
): Date | null {
  const age = now.getTime() - publishedAt.getTime()
  if (age >= schedule.maxAgeMs) return null
  const every =
    age < schedule.frequentForMs
      ? schedule.frequentEveryMs
      : age < schedule.hourlyForMs
        ? schedule.hourlyEveryMs
        : schedule.dailyEveryMs
  const next = now.getTime() + every
  // A last fetch exactly at the end, so the settled figures are the 30-day ones.
  return new Date(Math.min(next, publishedAt.getTime() + schedule.maxAgeMs))
}
