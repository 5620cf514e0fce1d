import type { Platform } from '@statex/core'
import type { Account } from '@/lib/queries/accounts'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { WEEKDAYS, formatNumber, formatRate, hourLabel, type Analytics } from './figures'
import { DataTable, Nothing, Section } from './table'

type Slot = { posts: number; engagements: number; engagementRate: number | null }

/** Slots as bars (engagements per post, longest = best) that are also a list for screen readers. */
function SlotBars<S extends Slot>({
  caption,
  slots,
  name,
}: {
  caption: string
  slots: S[]
  name: (slot: S) => string
}) {
  const perPost = (s: Slot) => (s.posts > 0 ? s.engagements / s.posts : 0)
  const best = Math.max(...slots.map(perPost), 1)
  return (
    <div className="rounded-lg border border-border bg-surface p-3">
      <h3 className="mb-2 font-semibold">{caption}</h3>
      <ol className="flex flex-col gap-1.5">
        {slots.slice(0, 7).map((s) => (
          <li key={name(s)} className="grid grid-cols-[4.5rem_1fr_auto] items-center gap-2 text-sm">
            <span className="font-semibold tabular-nums">{name(s)}</span>
            <span className="h-3 rounded bg-surface-2" aria-hidden="true">
              <span
                className="block h-3 rounded bg-accent"
                style={{ width: `${Math.max(2, (perPost(s) / best) * 100)}%` }}
              />
            </span>
            <span className="text-muted tabular-nums">
              {perPost(s).toFixed(1)} per post · {formatNumber(s.posts)} posts ·{' '}
              {formatRate(s.engagementRate)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  )
}

export function PostsSection({ data, accounts }: { data: Analytics; accounts: Account[] }) {
  const name = (id: string) =>
    accounts.find((a) => a.id === id)?.displayName ?? 'Disconnected account'
  const times = data.bestTimes
  return (
    <>
      <Section title="Top posts">
        {data.topPosts.length === 0 ? (
          <Nothing>No post published in this period has figures yet.</Nothing>
        ) : (
          <DataTable<Analytics['topPosts'][number]>
            caption="Posts with the most engagements"
            rows={data.topPosts}
            rowKey={(p) => p.targetId}
            columns={[
              {
                label: 'Post',
                cell: (p) =>
                  p.url ? (
                    <a
                      className="text-accent underline"
                      href={p.url}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {p.publishedAt ? new Date(p.publishedAt).toLocaleString() : 'Open'}
                    </a>
                  ) : p.publishedAt ? (
                    new Date(p.publishedAt).toLocaleString()
                  ) : (
                    '—'
                  ),
              },
              { label: 'Account', cell: (p) => name(p.accountId) },
              { label: 'Platform', cell: (p) => PLATFORM_LABELS[p.platform as Platform] },
              {
                label: 'Engagements',
                numeric: true,
                cell: (p) => formatNumber(p.metrics.engagements),
              },
              { label: 'Audience', numeric: true, cell: (p) => formatNumber(p.metrics.audience) },
              { label: 'Rate', numeric: true, cell: (p) => formatRate(p.engagementRate) },
              { label: 'Link clicks', numeric: true, cell: (p) => formatNumber(p.linkClicks) },
            ]}
          />
        )}
      </Section>

      <Section title={`Best times to post (${times.timeZone})`}>
        {times.hours.length === 0 ? (
          <Nothing>Best times appear once published posts have figures.</Nothing>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            <SlotBars
              caption="Hours, best first"
              slots={times.hours}
              name={(s) => hourLabel(s.hour)}
            />
            <SlotBars
              caption="Weekdays, best first"
              slots={times.weekdays}
              name={(s) => WEEKDAYS[s.weekday - 1] ?? String(s.weekday)}
            />
          </div>
        )}
      </Section>

      <Section title="Per account">
        {data.perAccount.length === 0 ? (
          <Nothing>No account gained measured figures or link clicks in this period.</Nothing>
        ) : (
          <DataTable<Analytics['perAccount'][number]>
            caption="Figures per account"
            rows={data.perAccount}
            rowKey={(a) => a.accountId}
            columns={[
              { label: 'Account', cell: (a) => name(a.accountId) },
              { label: 'Platform', cell: (a) => PLATFORM_LABELS[a.platform as Platform] },
              {
                label: 'Engagements',
                numeric: true,
                cell: (a) => formatNumber(a.metrics.engagements),
              },
              { label: 'Audience', numeric: true, cell: (a) => formatNumber(a.metrics.audience) },
              { label: 'Rate', numeric: true, cell: (a) => formatRate(a.engagementRate) },
              { label: 'Link clicks', numeric: true, cell: (a) => formatNumber(a.linkClicks) },
              { label: 'Posts measured', numeric: true, cell: (a) => formatNumber(a.posts) },
            ]}
          />
        )}
      </Section>

      <Section title="Followers and reach">
        {data.accounts.length === 0 ? (
          <Nothing>
            No account-level figures yet: followers and reach are read once a day from the platforms
            that give them (X, LinkedIn pages, Facebook Pages, Instagram, Telegram).
          </Nothing>
        ) : (
          <DataTable<Analytics['accounts'][number]>
            caption="Latest account-level figures"
            rows={data.accounts}
            rowKey={(a) => a.accountId}
            columns={[
              { label: 'Account', cell: (a) => name(a.accountId) },
              { label: 'Platform', cell: (a) => PLATFORM_LABELS[a.platform as Platform] },
              {
                label: 'Followers',
                numeric: true,
                cell: (a) => (a.followers === null ? '—' : formatNumber(a.followers)),
              },
              {
                label: 'Reach (a day)',
                numeric: true,
                cell: (a) => (a.reach === null ? '—' : formatNumber(a.reach)),
              },
              { label: 'As of', cell: (a) => a.date },
            ]}
          />
        )}
      </Section>
    </>
  )
}
