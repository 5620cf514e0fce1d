'use client'

import type { Platform } from '@statex/core'
import { useId, useMemo, useState } from 'react'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Field, Select } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { useAnalytics } from '@/lib/queries/analytics'

const RANGES = [7, 30, 90] as const
const METRICS = ['impressions', 'likes', 'comments', 'shares', 'clicks', 'views'] as const
const number = new Intl.NumberFormat()

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-3">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums">{number.format(value)}</dd>
    </div>
  )
}

export function AnalyticsPage() {
  const ids = useId()
  const [days, setDays] = useState<(typeof RANGES)[number]>(30)
  const range = useMemo(() => {
    // Whole minutes, so the query key (and the cache) stays put between renders.
    const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000)
    return {
      startDate: new Date(end.getTime() - days * 86_400_000).toISOString(),
      endDate: end.toISOString(),
    }
  }, [days])
  const analytics = useAnalytics(range)
  const data = analytics.data
  const nothing = data && data.totals.posts.total === 0

  return (
    <>
      <PageHeader
        title="Analytics"
        lead="Posts and their figures over a period, per platform."
        actions={
          <Field id={`${ids}-range`} label="Period">
            <Select
              id={`${ids}-range`}
              value={days}
              onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}
            >
              {RANGES.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </Select>
          </Field>
        }
      />
      {analytics.isPending ? (
        <SkeletonList rows={2} label="Loading figures…" />
      ) : analytics.isError ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : nothing ? (
        <EmptyState title={`No posts in the last ${days} days`}>
          Figures appear here once posts are published and the platforms report on them. Nothing is
          estimated or made up.
        </EmptyState>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold">Publishing</h2>
          <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat label="Posts" value={data!.totals.posts.total} />
            <Stat label="Published" value={data!.totals.posts.published} />
            <Stat label="Scheduled" value={data!.totals.posts.scheduled} />
            <Stat label="Failed" value={data!.totals.posts.failed} />
          </dl>
          <h2 className="mb-2 text-lg font-semibold">Engagement</h2>
          <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {METRICS.map((m) => (
              <Stat
                key={m}
                label={m[0]!.toUpperCase() + m.slice(1)}
                value={data!.totals.metrics[m]}
              />
            ))}
          </dl>
          <h2 className="mb-2 text-lg font-semibold">Per platform</h2>
          {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
          <div
            className="overflow-x-auto rounded-lg border border-border bg-surface"
            tabIndex={0}
            role="region"
            aria-label="Figures per platform"
          >
            <table className="w-full text-sm">
              <thead className="bg-surface-2 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Platform
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Published
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Failed
                  </th>
                  {METRICS.map((m) => (
                    <th key={m} scope="col" className="px-3 py-2 text-right">
                      {m[0]!.toUpperCase() + m.slice(1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data!.platforms.map((p) => (
                  <tr key={p.platform} className="border-t border-border">
                    <th scope="row" className="px-3 py-2 text-left font-semibold">
                      {PLATFORM_LABELS[p.platform as Platform]}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {number.format(p.posts.published)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {number.format(p.posts.failed)}
                    </td>
                    {METRICS.map((m) => (
                      <td key={m} className="px-3 py-2 text-right tabular-nums">
                        {number.format(p.metrics[m])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-sm text-muted">
            Time-series charts, top posts and reply costs come with the analytics API now being
            extended; these figures are the API&apos;s own totals.
          </p>
        </>
      )}
    </>
  )
}
