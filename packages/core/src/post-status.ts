/**
 * The life of one post on one target account (one `social_posts` row).
 *
 * Exactly-once publishing rests on two states beyond the obvious ones:
 * - PROCESSING: the platform accepted the post and is still working on it (an Instagram
 *   container, an X video); the worker asks `getPublishStatus`, it never publishes again.
 * - UNKNOWN: a publish request may have reached the platform but no answer came back (a timeout,
 *   a dropped connection). It is never retried blindly: reconciliation or a person decides.
 *
 * IN_REVIEW is the approval step of a workspace that requires one: submitted, waiting for an
 * approver. Nothing reaches PUBLISHING from it; only an approval moves it on (to SCHEDULED, or
 * DRAFT when it has no time yet), a rejection sends it back to DRAFT.
 */
export type PostStatus =
  | 'DRAFT'
  | 'IN_REVIEW'
  | 'SCHEDULED'
  | 'PUBLISHING'
  | 'PROCESSING'
  | 'PUBLISHED'
  | 'UNKNOWN'
  | 'FAILED'
  | 'ARCHIVED'

/**
 * Targets whose content and time may still change: nothing has been sent for them. The API's
 * edit (PATCH /v1/posts/:id) changes only these; the dashboard offers "Edit" and locks the rest.
 */
export const EDITABLE_STATUSES: readonly PostStatus[] = [
  'DRAFT',
  'IN_REVIEW',
  'SCHEDULED',
  'FAILED',
]

export const POST_STATUSES = [
  'DRAFT',
  'IN_REVIEW',
  'SCHEDULED',
  'PUBLISHING',
  'PROCESSING',
  'PUBLISHED',
  'UNKNOWN',
  'FAILED',
  'ARCHIVED',
] as const satisfies readonly PostStatus[]

/** Every allowed transition, in one table. A transition not listed here is a bug. */
export const POST_STATUS_TRANSITIONS: Readonly<Record<PostStatus, readonly PostStatus[]>> = {
  DRAFT: ['IN_REVIEW', 'SCHEDULED', 'PUBLISHING', 'ARCHIVED'],
  // Approved: SCHEDULED at its time, or DRAFT (approved, no time yet). Rejected: DRAFT.
  IN_REVIEW: ['SCHEDULED', 'DRAFT', 'ARCHIVED'],
  // Back to DRAFT when a person unschedules it, to IN_REVIEW when an approved post is edited.
  // FAILED without an attempt when it cannot be tried at all (its account needs reconnecting):
  // said on the target rather than left waiting.
  SCHEDULED: ['DRAFT', 'IN_REVIEW', 'PUBLISHING', 'FAILED', 'ARCHIVED'],
  // Back to SCHEDULED only when the platform certainly did not act (rate limited, not sent):
  // the job waits and tries again without spending an attempt.
  PUBLISHING: ['PUBLISHED', 'PROCESSING', 'SCHEDULED', 'UNKNOWN', 'FAILED'],
  PROCESSING: ['PUBLISHED', 'FAILED', 'UNKNOWN'],
  // Resolved by looking at the platform (PUBLISHED/FAILED) or by a person who checked and asks
  // for another try (SCHEDULED). Never straight to PUBLISHING.
  UNKNOWN: ['PUBLISHED', 'FAILED', 'SCHEDULED'],
  FAILED: ['SCHEDULED', 'DRAFT', 'IN_REVIEW', 'ARCHIVED'],
  PUBLISHED: ['ARCHIVED'],
  ARCHIVED: ['DRAFT'],
}

/** States in which the post may be on the platform: never publish from them again. */
export const POSSIBLY_ON_PLATFORM: readonly PostStatus[] = ['PROCESSING', 'PUBLISHED', 'UNKNOWN']

export function canTransition(from: PostStatus, to: PostStatus): boolean {
  return POST_STATUS_TRANSITIONS[from].includes(to)
}

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError'
  constructor(
    readonly from: PostStatus,
    readonly to: PostStatus,
  ) {
    const allowed = POST_STATUS_TRANSITIONS[from]
    super(
      `A post cannot go from ${from} to ${to}; from ${from} it can go to ${allowed.length ? allowed.join(', ') : 'nothing'}.`,
    )
  }
}

export function assertTransition(from: PostStatus, to: PostStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to)
}

/** True when no further transition is allowed without a person acting (or ever). */
export function isSettled(status: PostStatus): boolean {
  return (
    status === 'PUBLISHED' || status === 'FAILED' || status === 'ARCHIVED' || status === 'UNKNOWN'
  )
}
