import type { Platform } from '@statex/core'
import { Badge } from '@/components/ui/badge'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { formatLateness, formatNumber, formatRate, formatUsd, type Analytics } from './figures'
import { DataTable, Nothing, Section, Stat } from './table'

type Publishing = Analytics['publishing']

const REASONS: Record<string, string> = {
  rate_limited: 'Rate limited by the platform',
  auth_expired: 'Authorization expired',
  auth_revoked: 'Authorization revoked',
  transient: 'Platform or network failure',
  invalid_request: 'Refused by the platform (content)',
  not_found: 'Gone on the platform',
  not_attempted: 'Never attempted (account needed reconnecting)',
  internal: 'Our own failure',
}
const STATUS: Record<string, string> = {
  needs_reconnect: 'Needs reconnecting',
  disabled: 'Disabled',
  active: 'Lapses soon',
}
const TIER: Record<string, string> = {
  ollama: 'Ollama (local)',
  openai: 'OpenAI',
  azure: 'Azure OpenAI',
}

export function HealthSection({ data }: { data: Analytics }) {
  const p = data.publishing
  const posts = data.totals.posts
  return (
    <>
      <Section title="Publishing health">
        <dl className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Success rate" value={formatRate(p.successRate)} hint="published ÷ ended" />
          <Stat label="Published" value={formatNumber(posts.published)} />
          <Stat label="Failed" value={formatNumber(posts.failed)} />
          <Stat label="Still scheduled" value={formatNumber(posts.scheduled)} />
          <Stat label="Median lateness" value={formatLateness(p.lateness.medianMs)} />
          <Stat label="p95 lateness" value={formatLateness(p.lateness.p95Ms)} />
        </dl>
        <h3 className="mb-2 font-semibold">Failures by reason</h3>
        {p.failures.length === 0 ? (
          <Nothing>No post failed in this period.</Nothing>
        ) : (
          <DataTable<Publishing['failures'][number]>
            caption="Failed posts by platform and reason"
            rows={p.failures}
            rowKey={(f) => `${f.platform}-${f.reason}`}
            columns={[
              { label: 'Reason', cell: (f) => REASONS[f.reason] ?? f.reason },
              { label: 'Platform', cell: (f) => PLATFORM_LABELS[f.platform as Platform] },
              { label: 'Posts', numeric: true, cell: (f) => formatNumber(f.count) },
            ]}
          />
        )}
      </Section>

      <Section title="Token problems">
        {p.tokenProblems.accounts.length === 0 && p.tokenProblems.authErrors.length === 0 ? (
          <Nothing>Every account&apos;s authorization works; none lapses within 7 days.</Nothing>
        ) : (
          <div className="flex flex-col gap-3">
            {p.tokenProblems.accounts.length > 0 && (
              <DataTable<Publishing['tokenProblems']['accounts'][number]>
                caption="Accounts to act on now"
                rows={p.tokenProblems.accounts}
                rowKey={(a) => a.accountId}
                columns={[
                  { label: 'Account', cell: (a) => a.displayName },
                  { label: 'Platform', cell: (a) => PLATFORM_LABELS[a.platform as Platform] },
                  {
                    label: 'State',
                    cell: (a) => (
                      <Badge tone={a.status === 'active' ? 'warn' : 'danger'}>
                        {STATUS[a.status]}
                      </Badge>
                    ),
                  },
                  {
                    label: 'Why',
                    cell: (a) =>
                      a.reason ??
                      (a.authLapsesAt
                        ? `Lapses ${new Date(a.authLapsesAt).toLocaleDateString()}`
                        : '—'),
                  },
                ]}
              />
            )}
            {p.tokenProblems.authErrors.length > 0 && (
              <DataTable<Publishing['tokenProblems']['authErrors'][number]>
                caption="Publish attempts refused for authorization"
                rows={p.tokenProblems.authErrors}
                rowKey={(e) => `${e.platform}-${e.kind}`}
                columns={[
                  { label: 'Platform', cell: (e) => PLATFORM_LABELS[e.platform as Platform] },
                  { label: 'Error', cell: (e) => REASONS[e.kind] ?? e.kind },
                  { label: 'Attempts', numeric: true, cell: (e) => formatNumber(e.count) },
                ]}
              />
            )}
          </div>
        )}
      </Section>

      <Section title="AI replies and their cost">
        {p.ai.tiers.length === 0 ? (
          <Nothing>No AI model was called in this period.</Nothing>
        ) : (
          <>
            <dl className="mb-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
              <Stat label="Replies drafted" value={formatNumber(p.ai.replies)} />
              <Stat label="Cost of replies" value={formatUsd(p.ai.replyCostUsd)} />
              <Stat label="Cost of all AI calls" value={formatUsd(p.ai.totalCostUsd)} />
            </dl>
            <DataTable<Publishing['ai']['tiers'][number]>
              caption="AI calls by tier"
              rows={p.ai.tiers}
              rowKey={(t) => t.tier}
              columns={[
                { label: 'Tier', cell: (t) => TIER[t.tier] ?? t.tier },
                { label: 'Replies', numeric: true, cell: (t) => formatNumber(t.replies) },
                { label: 'Reply cost', numeric: true, cell: (t) => formatUsd(t.replyCostUsd) },
                { label: 'All calls', numeric: true, cell: (t) => formatNumber(t.calls) },
                { label: 'Tokens in', numeric: true, cell: (t) => formatNumber(t.tokensIn) },
                { label: 'Tokens out', numeric: true, cell: (t) => formatNumber(t.tokensOut) },
                { label: 'Cost', numeric: true, cell: (t) => formatUsd(t.costUsd) },
              ]}
            />
          </>
        )}
      </Section>
    </>
  )
}
