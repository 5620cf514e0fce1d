'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useId, useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Field, Select } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { cn } from '@/lib/cn'
import { PLATFORM_LABELS, PLATFORM_LIST } from '@/lib/platforms'
import {
  type InboxFilters,
  type InteractionType,
  type Sentiment,
  useInteractions,
  useNeedsReplyCounts,
} from '@/lib/queries/inbox'
import { useLabels } from '@/lib/queries/labels'
import { AutoRespondControl } from './auto-respond-control'
import { InteractionList } from './interaction-list'

// The open conversation (its reply, note and label forms, react-hook-form and zod) loads when one
// is chosen, not with the list: it kept the page's first-load JS over 200 kB gzipped.
const ConversationPanel = dynamic(
  () => import('./conversation-panel').then((m) => m.ConversationPanel),
  { loading: () => <SkeletonList rows={2} label="Loading the conversation…" /> },
)

const TYPES: { value: '' | InteractionType; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'COMMENT', label: 'Comments' },
  { value: 'MENTION', label: 'Mentions' },
  { value: 'MESSAGE', label: 'Messages' },
  { value: 'REACTION', label: 'Reactions' },
  { value: 'LIKE', label: 'Likes' },
  { value: 'SHARE', label: 'Shares' },
]
const SENTIMENTS: { value: '' | Sentiment; label: string }[] = [
  { value: '', label: 'Any' },
  { value: 'positive', label: 'Positive' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'negative', label: 'Negative' },
]

export function InboxPage() {
  const ids = useId()
  const [filters, setFilters] = useState<InboxFilters>({
    platform: '',
    type: '',
    sentiment: '',
    label: '',
    unreplied: false,
  })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const inbox = useInteractions(filters)
  const counts = useNeedsReplyCounts({
    type: filters.type,
    sentiment: filters.sentiment,
    label: filters.label,
  })
  const labels = useLabels()
  const set = (patch: Partial<InboxFilters>) => setFilters((f) => ({ ...f, ...patch }))
  const filtered = Boolean(
    filters.platform || filters.type || filters.sentiment || filters.label || filters.unreplied,
  )
  const selected = inbox.data?.find((i) => i.id === selectedId) ?? null
  const waiting = counts.data?.total

  return (
    <>
      <PageHeader
        title="Inbox"
        lead={
          <>
            Comments and messages from every connected account, newest first.
            {waiting !== undefined && (
              <>
                {' '}
                <Badge tone={waiting ? 'warn' : 'ok'} aria-live="polite">
                  {waiting ? `${waiting} waiting for a reply` : 'All answered'}
                </Badge>
              </>
            )}
          </>
        }
        actions={<AutoRespondControl />}
      />
      <div
        className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:flex lg:flex-wrap lg:items-end"
        role="group"
        aria-label="Filters"
      >
        <Field id={`${ids}-platform`} label="Platform" className="lg:w-48">
          <Select
            id={`${ids}-platform`}
            value={filters.platform}
            onChange={(e) => set({ platform: e.target.value })}
          >
            <option value="">All</option>
            {PLATFORM_LIST.map((p) => {
              const n = counts.data?.byPlatform[p]
              return (
                <option key={p} value={p}>
                  {PLATFORM_LABELS[p]}
                  {n ? ` (${n})` : ''}
                </option>
              )
            })}
          </Select>
        </Field>
        <Field id={`${ids}-type`} label="Type" className="lg:w-40">
          <Select
            id={`${ids}-type`}
            value={filters.type}
            onChange={(e) => set({ type: e.target.value as InboxFilters['type'] })}
          >
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${ids}-sentiment`} label="Sentiment" className="lg:w-44">
          <Select
            id={`${ids}-sentiment`}
            value={filters.sentiment}
            onChange={(e) => set({ sentiment: e.target.value as InboxFilters['sentiment'] })}
          >
            {SENTIMENTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${ids}-label`} label="Label" className="lg:w-44">
          <Select
            id={`${ids}-label`}
            value={filters.label}
            onChange={(e) => set({ label: e.target.value })}
          >
            <option value="">Any</option>
            {/* Kept while chosen, even once the last conversation with it lost it. */}
            {filters.label && !labels.data?.some((l) => l.label === filters.label) && (
              <option value={filters.label}>{filters.label} (0)</option>
            )}
            {labels.data?.map((l) => (
              <option key={l.label} value={l.label}>
                {l.label} ({l.conversations})
              </option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end py-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-accent"
            checked={filters.unreplied}
            onChange={(e) => set({ unreplied: e.target.checked })}
          />
          Needs a reply
        </label>
      </div>

      {inbox.isPending ? (
        <SkeletonList label="Loading the inbox…" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.length === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters">
            Choose another platform, type, sentiment or label, or clear “Needs a reply”.
          </EmptyState>
        ) : (
          <EmptyState
            title="No comments or messages yet"
            action={
              <Button asChild>
                <Link href="/accounts">Check your accounts</Link>
              </Button>
            }
          >
            Comments and messages arrive here as the platforms deliver them to connected accounts.
            Nothing is shown until it is real.
          </EmptyState>
        )
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start">
          {/* On a phone the list gives way to the open conversation, which has a way back. */}
          <div className={cn(selected && 'hidden lg:block')}>
            <InteractionList
              items={inbox.data}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
            />
          </div>
          {selected ? (
            <ConversationPanel item={selected} onBack={() => setSelectedId(null)} />
          ) : (
            <p className="hidden rounded-lg border border-dashed border-border p-6 text-center text-muted lg:block">
              Choose a comment or message to see its conversation and answer it.
            </p>
          )}
        </div>
      )}
    </>
  )
}
