import type { PostTarget } from '@statex/api-client'
import { Badge, type BadgeTone } from '@/components/ui/badge'

type FirstComment = NonNullable<PostTarget['firstComment']>

const STATUS: Record<FirstComment['status'], { label: string; tone: BadgeTone }> = {
  sending: { label: 'First comment sending…', tone: 'warn' },
  sent: { label: 'First comment sent', tone: 'ok' },
  failed: { label: 'First comment failed', tone: 'danger' },
  unknown: { label: 'First comment unknown', tone: 'warn' },
}

/**
 * How the first comment under a published target went. It is sent once and never re-sent, so an
 * unknown outcome asks the person to look before posting it again by hand.
 */
export function FirstCommentStatus({
  firstComment,
  platform,
}: {
  firstComment: PostTarget['firstComment']
  platform: string
}) {
  if (!firstComment) return null
  const status = STATUS[firstComment.status]
  return (
    <span
      className="flex min-w-0 flex-wrap items-baseline gap-2"
      data-first-comment={firstComment.status}
    >
      <Badge tone={status.tone}>{status.label}</Badge>
      {firstComment.status === 'failed' && (
        <span className="text-sm text-danger">
          {firstComment.error ?? `${platform} refused it without a reason.`}
        </span>
      )}
      {firstComment.status === 'unknown' && (
        <span className="text-sm text-warn">
          {platform} may have received it: check the post before re-posting the comment.
          {firstComment.error ? ` (${firstComment.error})` : ''}
        </span>
      )}
    </span>
  )
}
