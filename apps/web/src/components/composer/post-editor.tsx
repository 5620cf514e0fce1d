'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { SkeletonList } from '@/components/ui/skeleton'
import { ApiCallError } from '@/lib/api'
import { isEditable } from '@/lib/editable'
import { useAccounts } from '@/lib/queries/accounts'
import { usePost } from '@/lib/queries/posts'
import { EditTargets } from './edit-targets'

const EditPostForm = dynamic(() => import('./edit-post-form'), {
  loading: () => <SkeletonList rows={2} label="Loading the composer…" />,
})

const backToPosts = (
  <Button asChild variant="primary">
    <Link href="/posts">Back to posts</Link>
  </Button>
)

/** `/compose?edit=<id>`: the post loaded through the API, then the composer filled with it. */
export function PostEditor({ id }: { id: string }) {
  const post = usePost(id)
  const accounts = useAccounts()
  if (post.isPending || accounts.isPending)
    return <SkeletonList rows={3} label="Loading the post…" />
  // 404, or 400 for an id that is no id: either way there is no such post to edit.
  if (post.error instanceof ApiCallError && [400, 404].includes(post.error.status))
    return (
      <EmptyState title="This post is not there" action={backToPosts}>
        It does not exist, or it was deleted. Nothing was changed.
      </EmptyState>
    )
  if (post.isError) return <ErrorState error={post.error} onRetry={() => void post.refetch()} />
  if (accounts.isError)
    return <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
  if (!post.data.targets.some(isEditable))
    return (
      <div className="flex flex-col gap-4">
        <EmptyState title="Nothing left to edit" action={backToPosts}>
          Every account of this post has published it or is publishing it, and an edit would not
          change what is live.
        </EmptyState>
        <EditTargets
          targets={post.data.targets}
          accountNames={new Map(accounts.data.map((a) => [a.id, a.displayName]))}
          inForm={false}
        />
      </div>
    )
  return <EditPostForm post={post.data} accounts={accounts.data} />
}
