import type { PublishResult } from '@statex/core'
import { applyQueueAction } from '../apply-queue-action.js'
import { backoffDelayMs, decideQueueAction } from '../error-policy.js'
import { failProcessing, recordResult } from './attempt-outcome.js'
import { asProviderError } from './failures.js'
import type { PublishJobResult, PublishRun } from './publish-run.js'

/** A PROCESSING target: the platform is still working on it; ask how it went. */
export async function pollProcessing(run: PublishRun): Promise<PublishJobResult> {
  const attempt = run.context.latestAttempt
  const provider = run.provider
  if (!attempt?.checkpoint || attempt.finishedAt || !provider?.getPublishStatus) {
    return failProcessing(
      run,
      attempt,
      `${run.name} was processing this post, but its status cannot be checked from this server.`,
    )
  }
  const nextCheck = run.post.nextCheckAt?.getTime() ?? 0
  if (nextCheck > Date.now() + 20) return run.later(nextCheck, 'next status poll', 'poll')
  const paused = await run.env.gate.pausedFor(run.context.account.id)
  if (paused > 0) return run.later(Date.now() + paused, 'account rate-limited', 'poll')
  if (Date.now() - attempt.startedAt.getTime() > run.env.settings.processingLimitMs) {
    return failProcessing(
      run,
      attempt,
      `${run.name} was still processing this post after ${Math.round(run.env.settings.processingLimitMs / 3_600_000)} h; it was given up.`,
    )
  }
  let result: PublishResult
  try {
    const auth = await run.env.tokens.getAuth(run.context.account)
    result = await provider.getPublishStatus({
      account: auth,
      checkpoint: attempt.checkpoint,
      signal: AbortSignal.timeout(run.env.settings.publishTimeoutMs),
    })
  } catch (thrown) {
    const error = asProviderError(thrown, run.context.account.platform)
    const action = decideQueueAction(error, {
      attemptsMade: run.job.attemptsMade,
      maxAttempts: run.job.opts.attempts ?? 1,
      tokenRefreshed: false,
      effect: 'read',
    })
    switch (action.type) {
      case 'delay':
        await run.env.gate.pause(run.context.account.id, action.delayMs)
        return run.later(Date.now() + action.delayMs, action.reason, 'poll')
      case 'fail':
        if (action.reconnectAccount)
          await run.env.events.needsReconnect(run.context.account.id, action.reason)
        return failProcessing(run, attempt, action.userMessage, error)
      default:
        // A refresh or a transient failure: ask again later, spending an attempt.
        if (action.type === 'refresh_token_then_retry')
          await run.env.tokens.refresh(run.context.account, { force: true }).catch(() => undefined)
        return applyQueueAction(
          {
            type: 'retry',
            delayMs: backoffDelayMs(run.job.attemptsMade),
            reason: action.reason,
          },
          run.job,
          run.token,
        )
    }
  }
  return recordResult(run, attempt, result)
}
