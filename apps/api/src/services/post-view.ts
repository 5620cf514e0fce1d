import type { PostGroupView, PostTargetView } from '@statex/db'
import type { z } from 'zod'
import type { Post } from '../schemas/posts.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/**
 * One word for a post with several targets: what a list shows. Mixed published and failed
 * targets are PARTIALLY_PUBLISHED; anything still in flight shows as PUBLISHING.
 */
export function summaryStatus(targets: readonly PostTargetView[]): z.infer<typeof Post>['status'] {
  const statuses = new Set(targets.map((t) => t.status))
  if (statuses.size === 1) {
    const only = [...statuses][0]!
    return only === 'PROCESSING' ? 'PUBLISHING' : only
  }
  if (statuses.has('PUBLISHING') || statuses.has('PROCESSING')) return 'PUBLISHING'
  if (statuses.has('PUBLISHED')) return 'PARTIALLY_PUBLISHED'
  if (statuses.has('UNKNOWN')) return 'UNKNOWN'
  if (statuses.has('FAILED')) return 'FAILED'
  if (statuses.has('IN_REVIEW')) return 'IN_REVIEW'
  if (statuses.has('SCHEDULED')) return 'SCHEDULED'
  return 'DRAFT'
}

export function toPostBody(post: PostGroupView): z.infer<typeof Post> {
  return {
    id: post.id,
    status: summaryStatus(post.targets),
    content: post.content as unknown as Record<string, unknown>,
    scheduledAt: iso(post.scheduledAt),
    timeZone: post.timeZone,
    repeat: post.recurrence
      ? {
          weekdays: post.recurrence.weekdays,
          time: post.recurrence.time,
          timeZone: post.recurrence.timeZone,
          until: iso(post.recurrence.until ?? null),
        }
      : null,
    seriesId: post.seriesId,
    approvalStatus: post.approvalStatus,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    targets: post.targets.map((t) => ({
      id: t.id,
      accountId: t.accountId,
      platform: t.platform,
      status: t.status,
      scheduledAt: iso(t.scheduledAt),
      contentOverride: t.contentOverride as Record<string, unknown> | null,
      externalId: t.externalId,
      url: t.url,
      publishedAt: iso(t.publishedAt),
      lastError: t.lastError,
      partIds: t.partIds,
      firstComment: t.firstCommentStatus
        ? {
            status: t.firstCommentStatus,
            externalId: t.firstCommentExternalId,
            error: t.firstCommentError,
          }
        : null,
      deliveries: t.deliveries,
      version: t.version,
    })),
  }
}
