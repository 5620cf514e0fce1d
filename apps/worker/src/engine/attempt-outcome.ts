/**
 * How a publish attempt's end is recorded: published (with its deliveries and first comment),
 * pending (poll later), or what the error policy decided (delay, retry, UNKNOWN with a reconcile
 * check, or failure), each stored on the attempt before the job ends. The run decides; this
 * stores and ends it.
 */
import type { ProviderError, PublishResult } from '@statex/core'
import { AttemptAlreadyFinishedError, type PublishAttempt, type PublishErrorInfo } from '@statex/db'
import { applyQueueAction } from '../apply-queue-action.js'
import type { QueueAction } from '../error-policy.js'
import { EngineJobFailure, errorInfo } from './failures.js'
import type { PublishJobResult, PublishRun } from './publish-run.js'

export async function recordResult(
  run: PublishRun,
  attempt: PublishAttempt,
  result: PublishResult,
): Promise<PublishJobResult> {
  if (result.status === 'pending') {
    const at = Date.now() + (result.retryAfterMs ?? run.env.settings.pollIntervalMs)
    await run.env.db.publishing.finishPublishAttempt(
      attempt.id,
      { outcome: 'pending', checkpoint: result.checkpoint },
      { nextCheckAt: new Date(at) },
    )
    await run.refreshGroup()
    return run.later(at, `${run.name} is processing the post`, 'poll')
  }
  const published = {
    externalId: result.externalId,
    publishedAt: result.publishedAt,
    ...(result.url ? { url: result.url } : {}),
    ...(result.partIds ? { partIds: result.partIds } : {}),
  }
  try {
    await run.env.db.engine.recordPublished(attempt.id, published)
  } catch (error) {
    // Our lease ran out and another worker marked the attempt UNKNOWN meanwhile: it landed.
    if (!(error instanceof AttemptAlreadyFinishedError)) throw error
    await run.env.db.engine.resolveUnknown(run.post.id, { found: true, ...published })
  }
  // A broadcast's recipients, each with its message id: status webhooks move them on.
  if (result.deliveries?.length)
    await run.env.db.posts.saveDeliveries(run.post.id, result.deliveries)
  await run.refreshGroup()
  run.env.log.debug({ target: run.post.id, externalId: result.externalId }, 'published')
  await run.firstComment()
  return { outcome: 'published', externalId: result.externalId }
}

/** Performs what the error policy decided, records it, and ends the run accordingly. */
export async function recordDecision(
  run: PublishRun,
  attempt: PublishAttempt,
  action: QueueAction,
  error: ProviderError | null,
): Promise<never> {
  const info = error
    ? errorInfo(error)
    : { kind: 'internal' as const, outcome: 'not_sent' as const, message: action.reason }
  const checkpoint = error?.progress ? { checkpoint: error.progress } : {}
  switch (action.type) {
    case 'delay': {
      await run.env.db.publishing.finishPublishAttempt(attempt.id, {
        outcome: 'rescheduled',
        error: info,
        ...checkpoint,
      })
      // Before the lease is released, so no other job of this account slips in.
      await run.env.gate.pause(run.context.account.id, action.delayMs)
      return run.later(Date.now() + action.delayMs, action.reason)
    }
    case 'retry':
      await run.env.db.publishing.finishPublishAttempt(attempt.id, {
        outcome: 'rescheduled',
        error: { ...info, outcome: 'not_sent' },
        ...checkpoint,
      })
      return applyQueueAction(action, run.job, run.token)
    case 'reconcile':
    case 'refresh_token_then_retry':
      return markUnknown(run, attempt, `${action.reason}: ${info.message}`, info, checkpoint)
    case 'fail':
      if (action.reconnectAccount)
        await run.env.events.needsReconnect(run.context.account.id, action.reason)
      await run.env.db.publishing.finishPublishAttempt(attempt.id, {
        outcome: 'failed',
        error: { ...info, message: action.userMessage },
        ...checkpoint,
      })
      await run.refreshGroup()
      throw new EngineJobFailure(action.userMessage, run.tags)
  }
}

/** The request may have landed: UNKNOWN, then a reconcile check if the platform can be asked. */
export async function markUnknown(
  run: PublishRun,
  attempt: PublishAttempt,
  reason: string,
  info: PublishErrorInfo,
  checkpoint: { checkpoint?: PublishAttempt['checkpoint'] & object },
): Promise<never> {
  const canLook = run.canReconcile()
  const checkAt = Date.now() + run.env.settings.readAfterWriteDelayMs
  const message = canLook
    ? `${reason} Checking ${run.name} for the post before doing anything else.`
    : run.checkBeforeReposting(reason)
  await run.env.db.publishing.finishPublishAttempt(
    attempt.id,
    { outcome: 'unknown', error: { ...info, outcome: 'unknown', message }, ...checkpoint },
    { nextCheckAt: canLook ? new Date(checkAt) : null },
  )
  await run.refreshGroup()
  if (canLook) return run.later(checkAt, 'reconcile after the read-after-write delay', 'reconcile')
  throw new EngineJobFailure(message, run.tags)
}

export async function failProcessing(
  run: PublishRun,
  attempt: PublishAttempt | null,
  message: string,
  error?: ProviderError,
): Promise<never> {
  if (attempt && !attempt.finishedAt) {
    await run.env.db.publishing.finishPublishAttempt(attempt.id, {
      outcome: 'failed',
      error: error
        ? { ...errorInfo(error), message }
        : { kind: 'internal', outcome: 'not_sent', message },
    })
  } else {
    await run.env.db.posts.transitionPost(run.post.id, {
      from: 'PROCESSING',
      to: 'FAILED',
      reason: message,
      actor: 'worker',
    })
  }
  await run.refreshGroup()
  throw new EngineJobFailure(message, run.tags)
}
