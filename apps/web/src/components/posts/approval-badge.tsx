import type { Post } from '@statex/api-client'
import { Badge, type BadgeTone } from '@/components/ui/badge'

const APPROVAL: Record<Post['approvalStatus'], { label: string; tone: BadgeTone } | null> = {
  not_required: null,
  pending: { label: 'Needs review', tone: 'warn' },
  in_review: { label: 'In review', tone: 'info' },
  approved: { label: 'Approved', tone: 'ok' },
  rejected: { label: 'Changes requested', tone: 'danger' },
}

/** Where a post stands in its review; nothing for a post that needs none. */
export function ApprovalBadge({ post }: { post: Post }) {
  const shown = APPROVAL[post.approvalStatus]
  return shown ? <Badge tone={shown.tone}>{shown.label}</Badge> : null
}
