import { PUBLISH_JOB_OPTIONS } from './queues.js'

/**
 * Deterministic job ids. Re-adding a job under an id BullMQ already holds is a no-op, so the
 * dispatcher can enqueue the same due target on every tick, and after a Redis flush the next tick
 * puts back exactly what is missing. BullMQ refuses custom ids that contain `:` or are all digits
 * (guide/jobs/job-ids.md), hence the word prefixes.
 */
export function publishJobId(targetId: string): string {
  return `publish-${assertIdPart(targetId)}`
}

/** A follow-up for the same target (status poll, reconcile), numbered so each step has its own id. */
export function publishStepJobId(
  step: 'poll' | 'reconcile' | 'retry',
  targetId: string,
  n: number,
): string {
  return `${step}-${assertIdPart(targetId)}-${n}`
}

/** The sweep's job for a published target whose first comment was never claimed. */
export function firstCommentJobId(targetId: string): string {
  return `first-comment-${assertIdPart(targetId)}`
}

function assertIdPart(id: string): string {
  if (!id || id.includes(':')) throw new RangeError(`not a usable job id part: "${id}"`)
  return id
}

/**
 * The `addBulk` entry for one target's publish job, delayed to `runAt`: the dispatcher and the
 * API's "publish now" add exactly the same job, so whichever comes second is a no-op.
 */
export function publishJob(
  targetId: string,
  options: {
    runAt?: Date
    now?: number
    reason?: 'due' | 'publish-now' | 'poll' | 'reconcile' | 'retry' | 'first-comment'
    accountId?: string
  } = {},
) {
  const now = options.now ?? Date.now()
  const delay = options.runAt ? Math.max(0, options.runAt.getTime() - now) : 0
  return {
    name: 'publish',
    data: {
      targetId,
      reason: options.reason ?? 'due',
      ...(options.accountId ? { accountId: options.accountId } : {}),
    },
    opts: {
      ...PUBLISH_JOB_OPTIONS,
      jobId:
        options.reason === 'first-comment' ? firstCommentJobId(targetId) : publishJobId(targetId),
      delay,
    },
  }
}
