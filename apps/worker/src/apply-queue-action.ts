import { DelayedError, UnrecoverableError, type Job } from 'bullmq'
import type { QueueAction } from './error-policy.js'

/** Thrown for `retry`: BullMQ spends an attempt and waits `backoffDelayMs` (the workers' backoff strategy). */
export class RetryableJobError extends Error {
  override readonly name = 'RetryableJobError'
}

/**
 * Ends a processor run the way a decision asks, using BullMQ's control-flow errors:
 * - `delay`: `moveToDelayed` + `DelayedError`, which spends no attempt.
 * - `retry`: a plain error, so BullMQ counts the attempt and applies the backoff strategy.
 * - `fail` and `reconcile`: `UnrecoverableError`; the caller has recorded the outcome first.
 * `refresh_token_then_retry` is not queue control flow: the caller refreshes and calls again.
 * Never returns: every path throws the error that tells BullMQ what to do.
 */
export async function applyQueueAction(
  action: Exclude<QueueAction, { type: 'refresh_token_then_retry' }>,
  job: Pick<Job, 'moveToDelayed'>,
  token: string | undefined,
  now: number = Date.now(),
): Promise<never> {
  switch (action.type) {
    case 'delay':
      await job.moveToDelayed(now + action.delayMs, token)
      throw new DelayedError(action.reason)
    case 'retry':
      throw new RetryableJobError(action.reason)
    case 'reconcile':
    case 'fail':
      throw new UnrecoverableError(action.reason)
  }
}
