'use client'

import type { Post } from '@statex/api-client'
import dynamic from 'next/dynamic'
import Link from 'next/link'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import { isEditable } from '@/lib/editable'
import { useCancelPost, useDeletePost, usePublishNow, useRetryPost } from '@/lib/queries/posts'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'
import { ApprovalBadge } from './approval-badge'
import { TargetStatus } from './target-status'

// Dialogs (Radix, ~12 kB gzipped) and the review steps load beside the list, not before it:
// the posts page stays under 200 kB of first-load JavaScript.
// `loading` gives each its own Suspense boundary: without one, a card shown for the first time
// on the client would suspend the whole page to its skeleton.
const ReviewActions = dynamic(() => import('./review-actions').then((m) => m.ReviewActions), {
  loading: () => null,
})
const ConfirmButton = dynamic(
  () => import('@/components/ui/confirm-button').then((m) => m.ConfirmButton),
  { loading: () => null },
)

function whenOf(post: Post): string {
  const published = post.targets
    .map((t) => t.publishedAt)
    .filter((t): t is string => t !== null)
    .sort()[0]
  if (published) return `Published ${formatInstant(published)}`
  // A post whose time passed without going out says so, not "Scheduled for" a past time.
  if (post.scheduledAt && post.status === 'FAILED')
    return `Failed, was due ${formatInstant(post.scheduledAt)}`
  if (post.scheduledAt && post.status === 'UNKNOWN')
    return `Outcome unknown, was due ${formatInstant(post.scheduledAt)}`
  if (post.scheduledAt && post.status === 'PUBLISHING')
    return `Publishing, due ${formatInstant(post.scheduledAt)}`
  if (post.scheduledAt) return `Scheduled for ${formatInstant(post.scheduledAt)}`
  return `Draft, saved ${formatInstant(post.updatedAt)}`
}

export function PostCard({
  post,
  accountNames,
  highlighted = false,
  selected = false,
  onSelect,
}: {
  post: Post
  accountNames: ReadonlyMap<string, string>
  highlighted?: boolean
  selected?: boolean
  onSelect?: (selected: boolean) => void
}) {
  const retry = useRetryPost()
  const publish = usePublishNow()
  const cancel = useCancelPost()
  const remove = useDeletePost()
  const text = typeof post.content.text === 'string' ? post.content.text : ''
  const statuses = new Set(post.targets.map((t) => t.status))
  const canRetry = statuses.has('FAILED') || statuses.has('UNKNOWN')
  const canPublish = statuses.has('DRAFT') || statuses.has('SCHEDULED')
  // Not while every target is sent or being sent: an edit would change nothing that is live.
  const canEdit = post.targets.some(isEditable)
  const headingId = `post-${post.id}`

  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        'rounded-lg border bg-surface p-4',
        highlighted ? 'border-accent ring-2 ring-accent' : 'border-border',
      )}
      data-post-id={post.id}
      tabIndex={highlighted ? -1 : undefined}
    >
      <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="flex items-baseline gap-2">
          {onSelect && (
            <input
              type="checkbox"
              checked={selected}
              onChange={(e) => onSelect(e.target.checked)}
              aria-label="Select this post"
              aria-describedby={headingId}
              className="self-center"
            />
          )}
          <h2 id={headingId} className="text-sm font-semibold text-muted">
            {whenOf(post)}
          </h2>
        </span>
        <ApprovalBadge post={post} />
      </header>
      <p className="mb-3 line-clamp-4 whitespace-pre-wrap break-words">
        {text || <span className="text-muted italic">No text</span>}
      </p>
      <ul aria-label="Status per platform" className="mb-3 rounded-md bg-surface-2 px-3">
        {post.targets.map((target) => (
          <TargetStatus
            key={target.id}
            target={target}
            accountName={accountNames.get(target.accountId)}
          />
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        {canEdit && (
          <Button asChild size="sm">
            <Link href={`/compose?edit=${post.id}`} aria-describedby={headingId}>
              Edit
            </Link>
          </Button>
        )}
        {canRetry && (
          <Button
            size="sm"
            variant="primary"
            disabled={retry.isPending}
            onClick={() =>
              retry.mutate(post.id, {
                onSuccess: (answer) =>
                  toast.success(
                    `Trying ${answer.changed.length} ${answer.changed.length === 1 ? 'target' : 'targets'} again.`,
                  ),
                onError: (error) => toastError('Retry refused', error),
              })
            }
          >
            Retry failed
          </Button>
        )}
        {canPublish && (
          <Button
            size="sm"
            disabled={publish.isPending}
            onClick={() =>
              publish.mutate(post.id, {
                onSuccess: () => toast.success('Publishing now.'),
                onError: (error) => toastError('Could not publish', error),
              })
            }
          >
            Publish now
          </Button>
        )}
        {statuses.has('SCHEDULED') && (
          <Button
            size="sm"
            variant="quiet"
            disabled={cancel.isPending}
            onClick={() =>
              cancel.mutate(post.id, {
                onSuccess: () => toast.success('Unscheduled: the post is a draft again.'),
                onError: (error) => toastError('Could not unschedule', error),
              })
            }
          >
            Unschedule
          </Button>
        )}
        <ConfirmButton
          size="sm"
          variant="quiet"
          title="Delete this post?"
          description="Published targets are deleted from the platforms that allow it; the others stay there and are listed."
          confirmLabel="Delete"
          onConfirm={() =>
            remove.mutate(post.id, {
              onSuccess: (answer) =>
                toast.success(
                  answer.notDeleted.length
                    ? `Deleted here; still on ${answer.notDeleted.map((n) => n.platform).join(', ')} (${answer.notDeleted[0]?.reason}).`
                    : 'Post deleted.',
                ),
              onError: (error) => toastError('Could not delete', error),
            })
          }
        >
          Delete
        </ConfirmButton>
        <ReviewActions post={post} />
      </div>
    </article>
  )
}
