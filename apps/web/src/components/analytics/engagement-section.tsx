'use client'

import type { Platform } from '@statex/core'
import dynamic from 'next/dynamic'
import { useMemo } from 'react'
import { Skeleton } from '@/components/ui/skeleton'
import { PLATFORM_LABELS } from '@/lib/platforms'
import {
  DAILY_SERIES,
  dailyPoints,
  formatNumber,
  formatRate,
  type Analytics,
  type DailyPoint,
} from './figures'
import { DataTable, Nothing, Section, Stat } from './table'

// The chart library loads after the page: its first load stays small, and the table below says
// the same for anyone who cannot see the canvas.
const DailyChart = dynamic(() => import('./daily-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
})

const COUNTERS = [
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
] as const
const label = (s: string) => s[0]!.toUpperCase() + s.slice(1)

/** The formula, stated once where the rate is shown (the API documents the same). */
export function RateFormula() {
  return (
    <p className="text-sm text-muted" id="engagement-rate-formula">
      <strong className="text-fg">Engagement rate</strong> = engagements ÷ audience, where
      engagements = likes + comments + shares + saves + clicks, and audience = impressions, else
      views, else reach (the first a platform reports). Link clicks on our short links are counted
      apart and not in the rate.
    </p>
  )
}

export function EngagementSection({ data }: { data: Analytics }) {
  const points = useMemo(() => dailyPoints(data.daily), [data.daily])
  const t = data.totals
  return (
    <>
      <Section title="Engagement">
        <dl className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <Stat
            label="Engagement rate"
            value={formatRate(t.engagementRate)}
            hint="engagements ÷ audience"
          />
          <Stat label="Engagements" value={formatNumber(t.metrics.engagements)} />
          <Stat label="Audience" value={formatNumber(t.metrics.audience)} />
          <Stat label="Link clicks" value={formatNumber(t.linkClicks)} hint="our short links" />
          <Stat label="Platform clicks" value={formatNumber(t.metrics.clicks)} hint="as reported" />
        </dl>
        <RateFormula />
      </Section>

      <Section title={`Day by day (${data.range.timeZone})`}>
        {points.length === 0 ? (
          <Nothing>
            No figures were measured in this period yet. Platforms report on published posts over
            the following days; nothing is estimated.
          </Nothing>
        ) : (
          <>
            <div className="rounded-lg border border-border bg-surface p-3">
              <DailyChart points={points} />
            </div>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-semibold">
                The same figures as a table
              </summary>
              <div className="mt-2">
                <DataTable<DailyPoint>
                  caption="Figures gained per day"
                  rows={points}
                  rowKey={(p) => p.date}
                  columns={[
                    { label: 'Day', cell: (p) => p.date },
                    ...DAILY_SERIES.map((s) => ({
                      label: s.label,
                      numeric: true,
                      cell: (p: DailyPoint) => formatNumber(p[s.key]),
                    })),
                  ]}
                />
              </div>
            </details>
          </>
        )}
      </Section>

      <Section title="Per platform">
        {data.platforms.length === 0 ? (
          <Nothing>No platform had posts or figures in this period.</Nothing>
        ) : (
          <DataTable<Analytics['platforms'][number]>
            caption="Figures per platform"
            rows={data.platforms}
            rowKey={(p) => p.platform}
            columns={[
              { label: 'Platform', cell: (p) => PLATFORM_LABELS[p.platform as Platform] },
              { label: 'Published', numeric: true, cell: (p) => formatNumber(p.posts.published) },
              { label: 'Failed', numeric: true, cell: (p) => formatNumber(p.posts.failed) },
              { label: 'Rate', numeric: true, cell: (p) => formatRate(p.engagementRate) },
              { label: 'Link clicks', numeric: true, cell: (p) => formatNumber(p.linkClicks) },
              ...COUNTERS.map((m) => ({
                label: label(m),
                numeric: true,
                cell: (p: Analytics['platforms'][number]) => formatNumber(p.metrics[m]),
              })),
            ]}
          />
        )}
      </Section>
    </>
  )
}
