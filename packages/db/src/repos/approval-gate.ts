import type { ApprovalStatus } from '../types.js'

/**
 * The approval states whose posts may publish. Every path that claims a target for publishing
 * (the engine's claim, the older `beginPublishAttempt`) and the dispatcher's scan check it, so a
 * post awaiting approval that is somehow SCHEDULED (an edit racing a review, a hand-made row)
 * still never goes out.
 */
export const MAY_PUBLISH: readonly ApprovalStatus[] = ['not_required', 'approved']
