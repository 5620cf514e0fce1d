'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useEffect, useMemo } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { SkeletonList } from '@/components/ui/skeleton'
import { useAccounts } from '@/lib/queries/accounts'
import type { ComposerAccount } from './composer-values'
import { loadComposerRules } from './use-composer-rules'

const loadForm = () => import('./new-post-form')
const NewPostForm = dynamic(loadForm, {
  loading: () => <SkeletonList rows={2} label="Loading the composer…" />,
})
// Editing loads its own parts (the post, then the form filled with it) only when asked for.
const PostEditor = dynamic(() => import('./post-editor').then((m) => m.PostEditor), {
  loading: () => <SkeletonList rows={3} label="Loading the post…" />,
})

/**
 * The compose page's client part: a new post, or with `editId` an existing one (post-editor.tsx).
 * Its first paint is the accounts' skeleton, so the form (with react-hook-form) is not in the
 * page's first JavaScript: it loads while the accounts do.
 */
export function Composer({ editId }: { editId?: string | undefined }) {
  const accountsQuery = useAccounts()
  // Fetched side by side with the accounts, so the form is ready when they are.
  useEffect(() => {
    void loadForm()
    void loadComposerRules()
    void import('./previews/previews-panel')
  }, [])
  const accounts: ComposerAccount[] = useMemo(
    () =>
      (accountsQuery.data ?? [])
        .filter((a) => a.status === 'active')
        .map((a) => ({
          id: a.id,
          platform: a.platform,
          displayName: a.displayName,
          handle: a.handle,
          avatarUrl: a.avatarUrl,
        })),
    [accountsQuery.data],
  )
  if (editId) return <PostEditor id={editId} />
  if (accountsQuery.isPending) return <SkeletonList rows={2} label="Loading your accounts…" />
  if (accountsQuery.isError)
    return <ErrorState error={accountsQuery.error} onRetry={() => void accountsQuery.refetch()} />
  if (accounts.length === 0)
    return (
      <EmptyState
        title="Connect an account first"
        action={
          <Button asChild variant="primary">
            <Link href="/accounts">Connect an account</Link>
          </Button>
        }
      >
        Posts go to connected accounts. Connect one on the Accounts page, then come back here.
      </EmptyState>
    )
  return <NewPostForm accounts={accounts} />
}
