'use client'

import type { Platform } from '@statex/core'
import { useMemo, useState } from 'react'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { PLATFORM_LIST } from '@/lib/platforms'
import { useAccounts } from '@/lib/queries/accounts'
import { useAnalytics } from '@/lib/queries/analytics'
import { EngagementSection } from './engagement-section'
import { HealthSection } from './health-section'
import { PostsSection } from './posts-section'
import { RangePicker, customRangeProblem, rangeOf, type RangeChoice } from './range-picker'

export function AnalyticsPage() {
  const [choice, setChoice] = useState<RangeChoice>({ kind: 'preset', days: 30 })
  const [platform, setPlatform] = useState<Platform | ''>('')
  const problem = choice.kind === 'custom' ? customRangeProblem(choice.from, choice.to) : null
  // The last valid period stays on screen while a custom one is being typed.
  const [asked, setAsked] = useState(() => rangeOf(choice))
  const next = useMemo(() => (problem ? null : rangeOf(choice)), [choice, problem])
  if (next && (next.startDate !== asked.startDate || next.endDate !== asked.endDate)) setAsked(next)
  const query = useMemo(() => ({ ...asked, ...(platform ? { platform } : {}) }), [asked, platform])
  const analytics = useAnalytics(query)
  const accounts = useAccounts()
  const data = analytics.data
  const nothing =
    data &&
    data.totals.posts.total === 0 &&
    data.daily.length === 0 &&
    data.publishing.ai.tiers.length === 0 &&
    data.publishing.tokenProblems.accounts.length === 0

  return (
    <>
      <PageHeader
        title="Analytics"
        lead="What your posts reached, how publishing went, and what AI replies cost, over a period."
      />
      <div className="mb-6">
        <RangePicker
          choice={choice}
          onChoice={setChoice}
          platform={platform}
          onPlatform={setPlatform}
          platforms={PLATFORM_LIST}
          problem={problem}
        />
      </div>
      {analytics.isPending ? (
        <SkeletonList rows={3} label="Loading figures…" />
      ) : analytics.isError ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : nothing ? (
        <EmptyState title="Nothing in this period">
          Figures appear here once posts are scheduled and published and the platforms report on
          them. Nothing is estimated or made up.
        </EmptyState>
      ) : (
        <>
          <EngagementSection data={data!} />
          <HealthSection data={data!} />
          <PostsSection data={data!} accounts={accounts.data ?? []} />
        </>
      )}
    </>
  )
}
