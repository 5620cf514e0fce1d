'use client'

import type { Platform } from '@statex/core'
import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useSearchParams } from 'next/navigation'
import { useEffect, useId, useMemo, useState } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Select } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { PLATFORM_LABELS, PLATFORM_LIST } from '@/lib/platforms'
import { useAccounts } from '@/lib/queries/accounts'
import { usePostPages, type PostFilters, type PostStatus } from '@/lib/queries/posts'
import { useDebounced } from '@/lib/use-debounced'
import { PostCard } from './post-card'

// Shown only once posts are selected; `loading` keeps the suspense to the bar, not the page.
const BulkBar = dynamic(() => import('./bulk-bar').then((m) => m.BulkBar), {
  loading: () => null,
})

const STATUS_FILTERS: { value: '' | PostStatus; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'SCHEDULED', label: 'Scheduled' },
  { value: 'PUBLISHING', label: 'Publishing' },
  { value: 'PUBLISHED', label: 'Published' },
  { value: 'FAILED', label: 'Failed' },
  { value: 'UNKNOWN', label: 'Outcome unknown' },
  { value: 'DRAFT', label: 'Draft' },
]

export function PostsPage() {
  const ids = useId()
  const [status, setStatus] = useState<'' | PostStatus>('')
  const [platform, setPlatform] = useState<'' | Platform>('')
  const [search, setSearch] = useState('')
  const q = useDebounced(search.trim())
  const filters: PostFilters = useMemo(
    () => ({
      ...(status ? { status: [status] } : {}),
      ...(platform ? { platform: [platform] } : {}),
      ...(q ? { q } : {}),
    }),
    [status, platform, q],
  )
  const posts = usePostPages(filters)
  const list = useMemo(() => posts.data?.pages.flatMap((p) => p.data) ?? [], [posts.data])
  const accounts = useAccounts()
  const accountNames = useMemo(
    () => new Map((accounts.data ?? []).map((a) => [a.id, a.displayName])),
    [accounts.data],
  )
  const filtered = Boolean(status || platform || q)
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set())
  // Only posts still listed count: a deleted or filtered-out post drops out of the selection.
  const selected = list.filter((p) => selectedIds.has(p.id))
  const toggle = (id: string, on: boolean) =>
    setSelectedIds((before) => {
      const next = new Set(before)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const allSelected = list.length > 0 && selected.length === list.length
  // Opened from the calendar: bring that post into view.
  const wanted = useSearchParams().get('post')
  const loaded = posts.isSuccess
  useEffect(() => {
    if (!wanted || !loaded) return
    const element = document.querySelector<HTMLElement>(`[data-post-id="${CSS.escape(wanted)}"]`)
    element?.scrollIntoView({ block: 'center' })
    element?.focus()
  }, [wanted, loaded])

  return (
    <>
      <PageHeader
        title="Posts"
        lead="Every post, and what happened to it on each platform."
        actions={
          <>
            <Button asChild>
              <Link href="/import">Import CSV</Link>
            </Button>
            <Button asChild variant="primary">
              <Link href="/compose">New post</Link>
            </Button>
          </>
        }
      />
      <div
        role="search"
        aria-label="Filter posts"
        className="mb-4 grid gap-3 rounded-lg border border-border bg-surface p-3 sm:grid-cols-[1fr_12rem_12rem]"
      >
        <Field id={`${ids}-q`} label="Search">
          <Input
            id={`${ids}-q`}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Words in the post"
          />
        </Field>
        <Field id={`${ids}-status`} label="Status">
          <Select
            id={`${ids}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as '' | PostStatus)}
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${ids}-platform`} label="Platform">
          <Select
            id={`${ids}-platform`}
            value={platform}
            onChange={(e) => setPlatform(e.target.value as '' | Platform)}
          >
            <option value="">Every platform</option>
            {PLATFORM_LIST.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {posts.isPending ? (
        <SkeletonList label="Loading posts…" />
      ) : posts.isError ? (
        <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />
      ) : list.length === 0 ? (
        filtered ? (
          <EmptyState title="No post matches these filters">
            Clear the search or choose another status or platform.
          </EmptyState>
        ) : (
          <EmptyState
            title="No posts yet"
            action={
              <Button asChild variant="primary">
                <Link href="/compose">Write your first post</Link>
              </Button>
            }
          >
            Connect an account on the Accounts page, then write a post: it shows here with its
            status on every platform.
          </EmptyState>
        )
      ) : (
        <div className="flex flex-col gap-3">
          {selected.length > 0 && (
            <BulkBar selected={selected} onDone={() => setSelectedIds(new Set())} />
          )}
          <label className="flex items-center gap-2 self-start text-sm text-muted">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={(e) =>
                setSelectedIds(e.target.checked ? new Set(list.map((p) => p.id)) : new Set())
              }
            />
            Select all {list.length} shown
          </label>
          {list.map((post) => (
            <PostCard
              key={post.id}
              post={post}
              accountNames={accountNames}
              highlighted={post.id === wanted}
              selected={selectedIds.has(post.id)}
              onSelect={(on) => toggle(post.id, on)}
            />
          ))}
          {posts.hasNextPage && (
            <Button
              className="self-center"
              disabled={posts.isFetchingNextPage}
              onClick={() => void posts.fetchNextPage()}
            >
              {posts.isFetchingNextPage ? 'Loading…' : 'Load more posts'}
            </Button>
          )}
        </div>
      )}
    </>
  )
}
