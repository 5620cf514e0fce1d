import type { Post } from '@statex/api-client'
import { formatInstant } from '@/lib/time'
import type { ScheduleLabels } from './schedule-controls'

/**
 * An edit's time choices, in order: keep what the post has, a new time, publish now (the publish
 * route after the edit), back to draft (PATCH's `scheduledAt: null`). No "next free slot": PATCH
 * takes an instant or null, not a slot to find.
 */
export function editScheduleLabels(post: Pick<Post, 'scheduledAt'>): ScheduleLabels {
  if (!post.scheduledAt)
    return {
      draft: { option: 'Keep it a draft', submit: 'Save draft' },
      at: { option: 'Schedule at a date and time', submit: 'Save and schedule' },
      now: { option: 'Publish now', submit: 'Save and publish now' },
    }
  return {
    keep: { option: `Keep its time (${formatInstant(post.scheduledAt)})`, submit: 'Save changes' },
    at: { option: 'At a new date and time', submit: 'Save and reschedule' },
    now: { option: 'Publish now', submit: 'Save and publish now' },
    draft: { option: 'Back to draft (unscheduled)', submit: 'Save as draft' },
  }
}
