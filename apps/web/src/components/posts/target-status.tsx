import type { PostTarget } from '@statex/api-client'
import type { Platform } from '@statex/core'
import { Badge, type BadgeTone } from '@/components/ui/badge'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { formatInstant } from '@/lib/time'
import { FirstCommentStatus } from './first-comment-status'

const STATUS: Record<PostTarget['status'], { label: string; tone: BadgeTone }> = {
  DRAFT: { label: 'Draft', tone: 'neutral' },
  IN_REVIEW: { label: 'Waiting for approval', tone: 'info' },
  SCHEDULED: { label: 'Scheduled', tone: 'info' },
  PUBLISHING: { label: 'Publishing…', tone: 'warn' },
  PROCESSING: { label: 'Processing on the platform…', tone: 'warn' },
  PUBLISHED: { label: 'Published', tone: 'ok' },
  UNKNOWN: { label: 'Outcome unknown', tone: 'warn' },
  FAILED: { label: 'Failed', tone: 'danger' },
  ARCHIVED: { label: 'Archived', tone: 'neutral' },
}

/** One target (this post on one account): its status and what the person should know about it. */
export function TargetStatus({
  target,
  accountName,
}: {
  target: PostTarget
  accountName: string | undefined
}) {
  const platform = PLATFORM_LABELS[target.platform as Platform]
  const status = STATUS[target.status]
  // An X thread is a reply chain of several posts; the link opens the first one.
  const isThread = target.platform === 'twitter' && (target.partIds?.length ?? 0) > 1
  return (
    <li
      className="flex flex-col gap-0.5 border-t border-border py-2 first:border-t-0 sm:flex-row sm:flex-wrap sm:items-baseline sm:gap-x-3"
      data-target-platform={target.platform}
      data-status={target.status}
    >
      <span className="min-w-40 font-semibold">
        {platform}
        {accountName && <span className="font-normal text-muted"> · {accountName}</span>}
      </span>
      <span className="flex min-w-0 flex-wrap items-baseline gap-2">
        <Badge tone={status.tone}>{status.label}</Badge>
        {target.status === 'PUBLISHED' && (
          <>
            {target.publishedAt && (
              <span className="text-sm text-muted">{formatInstant(target.publishedAt)}</span>
            )}
            {target.url ? (
              <a
                href={target.url}
                target="_blank"
                rel="noreferrer"
                className="text-sm font-semibold break-all"
              >
                View on {platform}
                {isThread && <span className="sr-only"> (the thread’s first post)</span>}
              </a>
            ) : (
              <span className="text-sm text-muted">
                {target.platform === 'whatsapp'
                  ? 'Sent as messages: WhatsApp has no public link.'
                  : `${platform} gave no link for this post.`}
              </span>
            )}
            {isThread && (
              <span className="text-sm text-muted" data-thread-size={target.partIds.length}>
                thread of {target.partIds.length}
              </span>
            )}
          </>
        )}
        {target.status === 'SCHEDULED' && target.scheduledAt && (
          <span className="text-sm text-muted">for {formatInstant(target.scheduledAt)}</span>
        )}
        {target.status === 'FAILED' && (
          <span className="text-sm text-danger">
            {target.lastError ?? `${platform} refused it without a reason.`}
          </span>
        )}
        {target.status === 'UNKNOWN' && (
          <span className="text-sm text-warn">
            {platform} may have received it: check the account before re-posting.
            {target.lastError ? ` (${target.lastError})` : ''}
          </span>
        )}
      </span>
      <FirstCommentStatus firstComment={target.firstComment} platform={platform} />
      {typeof target.contentOverride?.text === 'string' && (
        <span className="basis-full text-sm text-muted sm:pl-40">
          {Array.isArray(target.contentOverride.thread)
            ? `Own thread of ${target.contentOverride.thread.length + 1} posts, the first: `
            : 'Own text: '}
          <span className="line-clamp-2">{target.contentOverride.text}</span>
        </span>
      )}
    </li>
  )
}
