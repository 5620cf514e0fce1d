import type { PostStatus } from './post-status.js'

/**
 * A post group's status, derived from its targets' statuses (never stored independently):
 * - `needs_review`: some target's outcome is UNKNOWN; a person must check the platform.
 * - `publishing`: some target is being published or processed by the platform.
 * - `in_review`: some target waits for an approver (none in flight); nothing of it publishes yet.
 * - `scheduled`: some target still waits for its time, none is in flight.
 * - `published` / `failed`: every target ended so (archived targets are ignored).
 * - `partially_published`: some published, some failed; a retry touches only the failed ones.
 */
export type GroupStatus =
  | 'draft'
  | 'in_review'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'partially_published'
  | 'failed'
  | 'needs_review'
  | 'archived'

export function deriveGroupStatus(statuses: readonly PostStatus[]): GroupStatus {
  const has = (status: PostStatus) => statuses.includes(status)
  const live = statuses.filter((status) => status !== 'ARCHIVED')
  if (live.length === 0) return statuses.length === 0 ? 'draft' : 'archived'
  if (has('UNKNOWN')) return 'needs_review'
  if (has('PUBLISHING') || has('PROCESSING')) return 'publishing'
  if (has('IN_REVIEW')) return 'in_review'
  if (has('SCHEDULED')) return 'scheduled'
  const published = live.filter((status) => status === 'PUBLISHED').length
  const failed = live.filter((status) => status === 'FAILED').length
  if (published === live.length) return 'published'
  if (failed === live.length) return 'failed'
  if (published > 0 && failed > 0 && published + failed === live.length)
    return 'partially_published'
  if (published > 0 || failed > 0) return published > 0 ? 'partially_published' : 'failed'
  return 'draft'
}
