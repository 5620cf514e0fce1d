import type { PublishResult } from '@statex/core'
import { backoffDelayMs } from '../error-policy.js'
import { EngineJobFailure, asProviderError } from './failures.js'
import type { PublishJobResult, PublishRun } from './publish-run.js'

/**
 * An UNKNOWN target with a check due: the platform is asked whether the post is there, and the
 * answer settles it (published, not there → publish exactly once more, or left for a person).
 */
export async function reconcileUnknown(run: PublishRun): Promise<PublishJobResult> {
  const nextCheck = run.post.nextCheckAt?.getTime() ?? 0
  if (nextCheck > Date.now() + 20)
    return run.later(nextCheck, 'reconcile after the read-after-write delay', 'reconcile')
  const attempt = run.context.latestAttempt
  const provider = run.provider
  if (!attempt || !provider?.findPublished || !run.canReconcile()) {
    await run.env.db.engine.resolveUnknown(run.post.id, {
      found: 'undetermined',
      message: run.checkBeforeReposting(run.post.lastError ?? ''),
    })
    await run.refreshGroup()
    return { outcome: 'needs-review' }
  }
  const paused = await run.env.gate.pausedFor(run.context.account.id)
  if (paused > 0) return run.later(Date.now() + paused, 'account rate-limited', 'reconcile')
  let found: PublishResult | null
  try {
    const auth = await run.env.tokens.getAuth(run.context.account)
    found = await provider.findPublished({
      account: auth,
      post: run.post.content,
      idempotencyKey: attempt.idempotencyKey,
      // A minute of slack for clocks that disagree between us and the platform.
      after: new Date(attempt.startedAt.getTime() - 60_000),
      signal: AbortSignal.timeout(run.env.settings.publishTimeoutMs),
    })
  } catch (thrown) {
    const error = asProviderError(thrown, run.context.account.platform)
    if (error.kind === 'rate_limited' || (error.kind === 'transient' && run.job.attemptsMade < 3)) {
      const wait = error.retryAfterMs ?? backoffDelayMs(run.job.attemptsMade)
      if (error.kind === 'rate_limited') await run.env.gate.pause(run.context.account.id, wait)
      return run.later(Date.now() + wait, `reconcile: ${error.message}`, 'reconcile')
    }
    await run.env.db.engine.resolveUnknown(run.post.id, {
      found: 'undetermined',
      message: `${run.name} could not tell whether this post was published (${error.platformMessage ?? error.message}). Check the account before re-posting; retry the post only if it is not there.`,
    })
    await run.refreshGroup()
    throw new EngineJobFailure(error.message, run.tags)
  }
  if (found?.status === 'published') {
    await run.env.db.engine.resolveUnknown(run.post.id, {
      found: true,
      externalId: found.externalId,
      publishedAt: found.publishedAt,
      ...(found.url ? { url: found.url } : {}),
      ...(found.partIds ? { partIds: found.partIds } : {}),
    })
    await run.refreshGroup()
    await run.firstComment()
    return { outcome: 'published', externalId: found.externalId }
  }
  if (found) {
    await run.env.db.engine.resolveUnknown(run.post.id, {
      found: 'undetermined',
      message: `${run.name} has this post but is still processing it; check it on the platform.`,
    })
    await run.refreshGroup()
    return { outcome: 'needs-review' }
  }
  // Certainly not there: publish now, exactly once more (the claim guards it as ever).
  await run.env.db.engine.resolveUnknown(run.post.id, { found: false })
  const fresh = await run.env.db.engine.getPublishContext(run.post.id)
  if (!fresh || fresh.post.status !== 'SCHEDULED') return { outcome: 'raced' }
  run.context = fresh
  return run.publishScheduled()
}
