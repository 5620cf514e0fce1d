import type { Post } from '@statex/api-client'
// The subpath: the posts page gets the list, not core's content rules (twitter-text).
import { EDITABLE_STATUSES } from '@statex/core/post-status'

/**
 * A target an edit still changes: nothing was sent for it (the API's own list, from core). The
 * posts page offers "Edit" while a post has one; the composer locks the others.
 */
export function isEditable(target: Pick<Post['targets'][number], 'status'>): boolean {
  return EDITABLE_STATUSES.includes(target.status)
}
