import {
  METRIC_FIELDS,
  audienceOf,
  engagementsOf,
  type MetricCounts,
  type PostMetrics,
} from '@statex/core'
import type { LatestMetrics } from './metrics-sync.js'

// What one snapshot adds to the rollups: its difference from the post's previous figures.

export type Counters = Record<(typeof METRIC_FIELDS)[number] | 'engagements' | 'audience', number>

export const zero = (): Counters => ({
  impressions: 0,
  reach: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  clicks: 0,
  saves: 0,
  views: 0,
  engagements: 0,
  audience: 0,
})

/** The figures after `next`, a field the platform left out keeping its earlier value. */
export function merge(previous: LatestMetrics | null, next: Omit<PostMetrics, 'externalId'>) {
  const counts: MetricCounts = {}
  for (const field of METRIC_FIELDS) {
    const value = next[field] ?? previous?.[field] ?? null
    if (value !== null && value !== undefined) counts[field] = value
  }
  const latest: LatestMetrics = {
    ...counts,
    engagements: engagementsOf(counts),
    audience: audienceOf(counts),
    collectedAt: next.collectedAt.toISOString(),
  }
  const delta = zero()
  for (const key of Object.keys(delta) as (keyof Counters)[])
    delta[key] = (latest[key] ?? 0) - ((previous?.[key] as number | undefined) ?? 0)
  return { latest, delta }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** `YYYY-MM-DD` of `at` in `timeZone` (an unknown zone reads as UTC rather than failing a sync). */
export function dayInZone(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })
    } catch {
      return at.toISOString().slice(0, 10)
    }
    dayFormats.set(timeZone, format)
  }
  return format.format(at)
}
