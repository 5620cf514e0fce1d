import type { paths } from '@statex/api-client'

/** The answer of `GET /v1/analytics`, as the API client types it. */
export type Analytics =
  paths['/v1/analytics']['get']['responses']['200']['content']['application/json']

const integer = new Intl.NumberFormat()
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
})

export const formatNumber = (n: number) => integer.format(n)
/** A rate (0–1) as a percentage with two decimals; "—" when there is none (no audience). */
export const formatRate = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(2)} %`
export const formatUsd = (n: number) => usd.format(n)

/** Lateness in the largest unit that keeps it readable; "—" when nothing was published. */
export function formatLateness(ms: number | null) {
  if (ms === null) return '—'
  if (ms < 1_000) return `${Math.round(ms)} ms`
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/** The series the daily chart draws, and its table alternative lists. */
export const DAILY_SERIES = [
  { key: 'audience', short: 'Audience', label: 'Audience (impressions, else views, else reach)' },
  { key: 'engagements', short: 'Engagements', label: 'Engagements' },
  { key: 'linkClicks', short: 'Link clicks', label: 'Link clicks (our short links)' },
] as const

export type DailyPoint = { date: string } & Record<(typeof DAILY_SERIES)[number]['key'], number>

export const dailyPoints = (daily: Analytics['daily']): DailyPoint[] =>
  daily.map((d) => ({
    date: d.date,
    audience: d.metrics.audience,
    engagements: d.metrics.engagements,
    linkClicks: d.linkClicks,
  }))
