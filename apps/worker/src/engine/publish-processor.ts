import type { AccountAuth, ProviderError, PublishResult, SocialProvider } from '@statex/core'
import {
  AttemptAlreadyFinishedError,
  type Db,
  type PublishAttempt,
  type PublishContext,
  type PublishErrorInfo,
  type SocialPost,
} from '@statex/db'
import { parsePayload } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Job, Processor } from 'bullmq'
import { applyQueueAction } from '../apply-queue-action.js'
import { backoffDelayMs, decideQueueAction, type QueueAction } from '../error-policy.js'
import type { AccountGate } from './account-gate.js'
import {
  EngineJobFailure,
  PLATFORM_NAMES,
  asProviderError,
  errorInfo,
  type FailureTags,
} from './failures.js'
import { sendFirstComment } from './first-comment.js'
import { ReconnectRequiredError, type TokenService } from './token-service.js'
import type { EngineEvents } from './events.js'

export interface PublishEngineSettings {
  /** A publish call is abandoned (outcome unknown) after this. Default 60 s. */
  publishTimeoutMs: number
  /** How long a claim holds before the engine takes its worker for dead. Default timeout + 30 s. */
  leaseMs: number
  /**
   * How long after an uncertain publish the engine asks `findPublished`, so a post that exists
   * but is not yet visible in the platform's listings is not taken for missing. Default 30 s.
   */
  readAfterWriteDelayMs: number
  /** Between status polls of a PROCESSING target when the adapter gives no hint. Default 5 s. */
  pollIntervalMs: number
  /** A PROCESSING target still unfinished after this fails. Default 24 h. */
  processingLimitMs: number
  /** A SCHEDULED target further than this in the future is left to the dispatcher. Default 60 s. */
  horizonMs: number
}

export const DEFAULT_ENGINE_SETTINGS: PublishEngineSettings = Object.freeze({
  publishTimeoutMs: 60_000,
  leaseMs: 90_000,
  readAfterWriteDelayMs: 30_000,
  pollIntervalMs: 5_000,
  processingLimitMs: 24 * 3_600_000,
  horizonMs: 60_000,
})

export interface PublishProcessorDeps {
  db: Db
  providers: Partial<Record<SocialProvider['platform'], SocialProvider>>
  gate: AccountGate
  tokens: TokenService
  /** Group outcomes and reconnect needs, stored and told to the workspace's webhooks. */
  events: EngineEvents
  log: Logger
  settings?: Partial<PublishEngineSettings>
  /**
   * Publish jobs at once per platform in this process; a job over its platform's cap goes back
   * to the queue for a moment (no attempt spent) so the worker's slots serve other platforms.
   */
  platformConcurrency?: Readonly<Record<string, number>>
}

/** What a run ended in, returned as the job's result (and asserted by tests). */
export type PublishJobResult =
  | { outcome: 'published'; externalId: string }
  | { outcome: 'gone' | 'not-due' | 'raced' | 'needs-review' }
  | { outcome: 'settled'; status: string }
  | { outcome: 'failed' | 'unknown'; reason: string }

type PublishJob = Pick<
  Job,
  'id' | 'data' | 'attemptsMade' | 'opts' | 'moveToDelayed' | 'updateData'
>

/**
 * The `publish` queue's processor. A job names a target; what to do is read from the target's
 * status in PostgreSQL, never from the job, so a job that runs twice, late, or after a crash
 * does the right thing:
 * SCHEDULED → claim and publish; PUBLISHING with its lease run out → the worker died mid-call:
 * UNKNOWN; PROCESSING → poll `getPublishStatus`; UNKNOWN with a check due → `findPublished`.
 * Everything else is settled and the job just ends.
 */
export function createPublishProcessor(deps: PublishProcessorDeps): Processor {
  const { db, providers, gate, tokens, events, log } = deps
  const settings = { ...DEFAULT_ENGINE_SETTINGS, ...deps.settings }
  const caps = deps.platformConcurrency ?? {}
  const running = new Map<string, number>()

  const processor = async (job: PublishJob, token?: string): Promise<PublishJobResult> => {
    const { targetId, accountId, reason } = parsePayload('publish', job.data)
    if (accountId && reason === 'due') {
      // A busy or paused account is known from Redis alone: wait without reading PostgreSQL.
      const peek = await gate.peek(accountId)
      if (!peek.ok) {
        const now = Date.now()
        return applyQueueAction(
          { type: 'delay', delayMs: peek.waitMs, reason: `account ${peek.why}` },
          job,
          token,
          now,
        )
      }
    }
    const context = await db.engine.getPublishContext(targetId)
    if (!context) return { outcome: 'gone' }
    const run = new PublishRun(job, token, context)
    const platform = context.account.platform
    const cap = caps[platform]
    if (cap !== undefined && (running.get(platform) ?? 0) >= cap)
      return run.later(Date.now() + 100 + Math.random() * 200, `${platform} is at its cap`)
    running.set(platform, (running.get(platform) ?? 0) + 1)
    try {
      return await run.byStatus()
    } finally {
      running.set(platform, (running.get(platform) ?? 1) - 1)
    }
  }

  /** One job run against one target; holds what the steps share. */
  class PublishRun {
    readonly name: string
    readonly provider: SocialProvider | undefined
    readonly tags: Omit<FailureTags, 'queue'>
    constructor(
      readonly job: PublishJob,
      readonly token: string | undefined,
      public context: PublishContext,
    ) {
      this.name = PLATFORM_NAMES[context.account.platform]
      this.provider = providers[context.account.platform]
      this.tags = {
        platform: context.account.platform,
        account: context.account.id,
        target: context.post.id,
      }
    }

    async byStatus(): Promise<PublishJobResult> {
      switch (this.post.status) {
        case 'SCHEDULED':
          return this.publishScheduled()
        case 'PUBLISHING':
          return this.recoverStale()
        case 'PROCESSING':
          return this.poll()
        case 'UNKNOWN':
          return this.post.nextCheckAt ? this.reconcile() : { outcome: 'needs-review' }
        default:
          return { outcome: 'settled', status: this.post.status }
      }
    }

    get post(): SocialPost {
      return this.context.post
    }

    /** Runs the job again at `at` without spending an attempt. */
    async later(at: number, reason: string, step?: 'poll' | 'reconcile'): Promise<never> {
      if (step) await this.job.updateData({ targetId: this.post.id, reason: step })
      const now = Date.now()
      return applyQueueAction(
        { type: 'delay', delayMs: Math.max(1, at - now), reason },
        this.job,
        this.token,
        now,
      )
    }

    async refreshGroup(): Promise<void> {
      await events.settleGroup(this.post.groupId)
    }

    async failScheduled(reason: string): Promise<never> {
      await db.engine.failScheduledTarget(this.post.id, reason)
      await this.refreshGroup()
      throw new EngineJobFailure(reason, this.tags)
    }

    canReconcile(): boolean {
      return (
        this.provider?.capabilities.reconcile !== 'none' &&
        typeof this.provider?.findPublished === 'function'
      )
    }

    checkBeforeReposting(detail: string): string {
      return `${detail} ${this.name} may have published this post, and it offers no way to check, so it was not sent again. Check the account before re-posting; retry the post only if it is not there.`
    }

    async publishScheduled(): Promise<PublishJobResult> {
      const { account } = this.context
      if (account.status !== 'active') {
        return this.failScheduled(
          `The ${this.name} account needs reconnecting${account.statusReason ? ` (${account.statusReason})` : ''}; this post was not published. Reconnect the account, then retry the post.`,
        )
      }
      if (!this.provider) {
        return this.failScheduled(
          `${this.name} is not set up on this server, so this post cannot be published. Configure ${this.name} (see the worker's start-up log), then retry the post.`,
        )
      }
      const now = Date.now()
      const due = this.post.scheduledAt?.getTime() ?? now
      if (due > now + 20) {
        // Rescheduled to later after this job was added: wait, or leave it to the dispatcher.
        if (due - now <= settings.horizonMs) return this.later(due, 'not due yet')
        return { outcome: 'not-due' }
      }
      const holder = String(this.job.id ?? this.post.id)
      const gateDecision = await gate.acquire(account.id, holder)
      if (!gateDecision.ok) {
        return this.later(
          now + gateDecision.waitMs,
          gateDecision.why === 'paused'
            ? `the ${this.name} account is rate-limited`
            : 'another post of this account is being published',
        )
      }
      try {
        const claim = await db.engine.claimTarget(this.post.id, {
          leaseUntil: new Date(now + settings.leaseMs),
        })
        if (!claim) return { outcome: 'raced' }
        const attempt: PublishAttempt = {
          id: claim.attemptId,
          postId: this.post.id,
          attemptNumber: claim.attemptNumber,
          idempotencyKey: claim.idempotencyKey,
          startedAt: claim.startedAt,
          finishedAt: null,
          outcome: null,
          error: null,
          checkpoint: null,
          externalId: null,
        }
        return await this.attempt(attempt, this.post, claim.resumeFrom ?? undefined)
      } finally {
        await gate.release(account.id, holder)
      }
    }

    async attempt(
      attempt: PublishAttempt,
      post: SocialPost,
      resumeFrom: PublishAttempt['checkpoint'] | undefined,
    ): Promise<PublishJobResult> {
      const provider = this.provider!
      let tokenRefreshed = false
      let auth: AccountAuth
      try {
        auth = await tokens.getAuth(this.context.account)
      } catch (error) {
        return this.recordDecision(attempt, this.tokenFailure(error), null)
      }
      for (;;) {
        let result: PublishResult
        try {
          result = await provider.publish({
            account: auth,
            post: post.content,
            idempotencyKey: attempt.idempotencyKey,
            signal: AbortSignal.timeout(settings.publishTimeoutMs),
            ...(resumeFrom ? { resumeFrom } : {}),
          })
        } catch (thrown) {
          const error = asProviderError(thrown, this.context.account.platform)
          const action = decideQueueAction(error, {
            attemptsMade: this.job.attemptsMade,
            maxAttempts: this.job.opts.attempts ?? 1,
            tokenRefreshed,
          })
          if (action.type === 'refresh_token_then_retry') {
            try {
              auth = await tokens.refresh(this.context.account, { force: true })
              tokenRefreshed = true
              continue
            } catch (refreshError) {
              return this.recordDecision(attempt, this.tokenFailure(refreshError), error)
            }
          }
          return this.recordDecision(attempt, action, error)
        }
        return this.recordResult(attempt, result)
      }
    }

    /** A token that cannot be had: reconnect for a refusal, a retry for anything else. */
    tokenFailure(error: unknown): QueueAction {
      if (error instanceof ReconnectRequiredError) {
        return {
          type: 'fail',
          reason: `auth: ${error.message}`,
          userMessage: `${this.name} no longer accepts this account's authorization (${error.message}). Reconnect the account, then retry the post.`,
          reconnectAccount: true,
        }
      }
      const message = error instanceof Error ? error.message : String(error)
      return {
        type: 'retry',
        delayMs: backoffDelayMs(this.job.attemptsMade),
        reason: `token: ${message}`,
      }
    }

    /** Right after the post is out: its first comment, if it has one (never twice). */
    firstComment(): Promise<void> {
      return sendFirstComment(
        { db, tokens, log, timeoutMs: settings.publishTimeoutMs },
        this.provider,
        this.context,
      )
    }

    async recordResult(attempt: PublishAttempt, result: PublishResult): Promise<PublishJobResult> {
      if (result.status === 'pending') {
        const at = Date.now() + (result.retryAfterMs ?? settings.pollIntervalMs)
        await db.publishing.finishPublishAttempt(
          attempt.id,
          { outcome: 'pending', checkpoint: result.checkpoint },
          { nextCheckAt: new Date(at) },
        )
        await this.refreshGroup()
        return this.later(at, `${this.name} is processing the post`, 'poll')
      }
      const published = {
        externalId: result.externalId,
        publishedAt: result.publishedAt,
        ...(result.url ? { url: result.url } : {}),
        ...(result.partIds ? { partIds: result.partIds } : {}),
      }
      try {
        await db.engine.recordPublished(attempt.id, published)
      } catch (error) {
        // Our lease ran out and another worker marked the attempt UNKNOWN meanwhile: it landed.
        if (!(error instanceof AttemptAlreadyFinishedError)) throw error
        await db.engine.resolveUnknown(this.post.id, { found: true, ...published })
      }
      // A broadcast's recipients, each with its message id: status webhooks move them on.
      if (result.deliveries?.length) await db.posts.saveDeliveries(this.post.id, result.deliveries)
      await this.refreshGroup()
      log.debug({ target: this.post.id, externalId: result.externalId }, 'published')
      await this.firstComment()
      return { outcome: 'published', externalId: result.externalId }
    }

    /** Performs what the error policy decided, records it, and ends the run accordingly. */
    async recordDecision(
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
          await db.publishing.finishPublishAttempt(attempt.id, {
            outcome: 'rescheduled',
            error: info,
            ...checkpoint,
          })
          // Before the lease is released, so no other job of this account slips in.
          await gate.pause(this.context.account.id, action.delayMs)
          return this.later(Date.now() + action.delayMs, action.reason)
        }
        case 'retry':
          await db.publishing.finishPublishAttempt(attempt.id, {
            outcome: 'rescheduled',
            error: { ...info, outcome: 'not_sent' },
            ...checkpoint,
          })
          return applyQueueAction(action, this.job, this.token)
        case 'reconcile':
        case 'refresh_token_then_retry':
          return this.markUnknown(attempt, `${action.reason}: ${info.message}`, info, checkpoint)
        case 'fail':
          if (action.reconnectAccount)
            await events.needsReconnect(this.context.account.id, action.reason)
          await db.publishing.finishPublishAttempt(attempt.id, {
            outcome: 'failed',
            error: { ...info, message: action.userMessage },
            ...checkpoint,
          })
          await this.refreshGroup()
          throw new EngineJobFailure(action.userMessage, this.tags)
      }
    }

    /** The request may have landed: UNKNOWN, then a reconcile check if the platform can be asked. */
    async markUnknown(
      attempt: PublishAttempt,
      reason: string,
      info: PublishErrorInfo,
      checkpoint: { checkpoint?: PublishAttempt['checkpoint'] & object },
    ): Promise<never> {
      const canLook = this.canReconcile()
      const checkAt = Date.now() + settings.readAfterWriteDelayMs
      const message = canLook
        ? `${reason} Checking ${this.name} for the post before doing anything else.`
        : this.checkBeforeReposting(reason)
      await db.publishing.finishPublishAttempt(
        attempt.id,
        { outcome: 'unknown', error: { ...info, outcome: 'unknown', message }, ...checkpoint },
        { nextCheckAt: canLook ? new Date(checkAt) : null },
      )
      await this.refreshGroup()
      if (canLook)
        return this.later(checkAt, 'reconcile after the read-after-write delay', 'reconcile')
      throw new EngineJobFailure(message, this.tags)
    }

    /** PUBLISHING found by a job: its worker died (or stalled) mid-publish once the lease is over. */
    async recoverStale(): Promise<PublishJobResult> {
      const leaseEnd = this.post.nextCheckAt?.getTime() ?? 0
      if (leaseEnd > Date.now())
        return this.later(leaseEnd + 1_000, 'another worker holds the claim')
      const attempt = this.context.latestAttempt
      if (!attempt || attempt.finishedAt) {
        await db.posts.transitionPost(this.post.id, {
          from: 'PUBLISHING',
          to: 'UNKNOWN',
          reason: 'publishing with no open attempt',
          actor: 'worker',
        })
        return { outcome: 'unknown', reason: 'publishing with no open attempt' }
      }
      const reason = `The worker stopped while this post was being sent to ${this.name}.`
      try {
        return await this.markUnknown(
          attempt,
          reason,
          { kind: 'internal', outcome: 'unknown', message: reason },
          {},
        )
      } catch (error) {
        if (error instanceof AttemptAlreadyFinishedError) return { outcome: 'raced' }
        throw error
      }
    }

    async poll(): Promise<PublishJobResult> {
      const attempt = this.context.latestAttempt
      const provider = this.provider
      if (!attempt?.checkpoint || attempt.finishedAt || !provider?.getPublishStatus) {
        return this.failProcessing(
          attempt,
          `${this.name} was processing this post, but its status cannot be checked from this server.`,
        )
      }
      const nextCheck = this.post.nextCheckAt?.getTime() ?? 0
      if (nextCheck > Date.now() + 20) return this.later(nextCheck, 'next status poll', 'poll')
      const paused = await gate.pausedFor(this.context.account.id)
      if (paused > 0) return this.later(Date.now() + paused, 'account rate-limited', 'poll')
      if (Date.now() - attempt.startedAt.getTime() > settings.processingLimitMs) {
        return this.failProcessing(
          attempt,
          `${this.name} was still processing this post after ${Math.round(settings.processingLimitMs / 3_600_000)} h; it was given up.`,
        )
      }
      let result: PublishResult
      try {
        const auth = await tokens.getAuth(this.context.account)
        result = await provider.getPublishStatus({
          account: auth,
          checkpoint: attempt.checkpoint,
          signal: AbortSignal.timeout(settings.publishTimeoutMs),
        })
      } catch (thrown) {
        const error = asProviderError(thrown, this.context.account.platform)
        const action = decideQueueAction(error, {
          attemptsMade: this.job.attemptsMade,
          maxAttempts: this.job.opts.attempts ?? 1,
          tokenRefreshed: false,
          effect: 'read',
        })
        switch (action.type) {
          case 'delay':
            await gate.pause(this.context.account.id, action.delayMs)
            return this.later(Date.now() + action.delayMs, action.reason, 'poll')
          case 'fail':
            if (action.reconnectAccount)
              await events.needsReconnect(this.context.account.id, action.reason)
            return this.failProcessing(attempt, action.userMessage, error)
          default:
            // A refresh or a transient failure: ask again later, spending an attempt.
            if (action.type === 'refresh_token_then_retry')
              await tokens.refresh(this.context.account, { force: true }).catch(() => undefined)
            return applyQueueAction(
              {
                type: 'retry',
                delayMs: backoffDelayMs(this.job.attemptsMade),
                reason: action.reason,
              },
              this.job,
              this.token,
            )
        }
      }
      return this.recordResult(attempt, result)
    }

    async failProcessing(
      attempt: PublishAttempt | null,
      message: string,
      error?: ProviderError,
    ): Promise<never> {
      if (attempt && !attempt.finishedAt) {
        await db.publishing.finishPublishAttempt(attempt.id, {
          outcome: 'failed',
          error: error
            ? { ...errorInfo(error), message }
            : { kind: 'internal', outcome: 'not_sent', message },
        })
      } else {
        await db.posts.transitionPost(this.post.id, {
          from: 'PROCESSING',
          to: 'FAILED',
          reason: message,
          actor: 'worker',
        })
      }
      await this.refreshGroup()
      throw new EngineJobFailure(message, this.tags)
    }

    async reconcile(): Promise<PublishJobResult> {
      const nextCheck = this.post.nextCheckAt?.getTime() ?? 0
      if (nextCheck > Date.now() + 20)
        return this.later(nextCheck, 'reconcile after the read-after-write delay', 'reconcile')
      const attempt = this.context.latestAttempt
      const provider = this.provider
      if (!attempt || !provider?.findPublished || !this.canReconcile()) {
        await db.engine.resolveUnknown(this.post.id, {
          found: 'undetermined',
          message: this.checkBeforeReposting(this.post.lastError ?? ''),
        })
        await this.refreshGroup()
        return { outcome: 'needs-review' }
      }
      const paused = await gate.pausedFor(this.context.account.id)
      if (paused > 0) return this.later(Date.now() + paused, 'account rate-limited', 'reconcile')
      let found: PublishResult | null
      try {
        const auth = await tokens.getAuth(this.context.account)
        found = await provider.findPublished({
          account: auth,
          post: this.post.content,
          idempotencyKey: attempt.idempotencyKey,
          // A minute of slack for clocks that disagree between us and the platform.
          after: new Date(attempt.startedAt.getTime() - 60_000),
          signal: AbortSignal.timeout(settings.publishTimeoutMs),
        })
      } catch (thrown) {
        const error = asProviderError(thrown, this.context.account.platform)
        if (
          error.kind === 'rate_limited' ||
          (error.kind === 'transient' && this.job.attemptsMade < 3)
        ) {
          const wait = error.retryAfterMs ?? backoffDelayMs(this.job.attemptsMade)
          if (error.kind === 'rate_limited') await gate.pause(this.context.account.id, wait)
          return this.later(Date.now() + wait, `reconcile: ${error.message}`, 'reconcile')
        }
        await db.engine.resolveUnknown(this.post.id, {
          found: 'undetermined',
          message: `${this.name} could not tell whether this post was published (${error.platformMessage ?? error.message}). Check the account before re-posting; retry the post only if it is not there.`,
        })
        await this.refreshGroup()
        throw new EngineJobFailure(error.message, this.tags)
      }
      if (found?.status === 'published') {
        await db.engine.resolveUnknown(this.post.id, {
          found: true,
          externalId: found.externalId,
          publishedAt: found.publishedAt,
          ...(found.url ? { url: found.url } : {}),
          ...(found.partIds ? { partIds: found.partIds } : {}),
        })
        await this.refreshGroup()
        await this.firstComment()
        return { outcome: 'published', externalId: found.externalId }
      }
      if (found) {
        await db.engine.resolveUnknown(this.post.id, {
          found: 'undetermined',
          message: `${this.name} has this post but is still processing it; check it on the platform.`,
        })
        await this.refreshGroup()
        return { outcome: 'needs-review' }
      }
      // Certainly not there: publish now, exactly once more (the claim guards it as ever).
      await db.engine.resolveUnknown(this.post.id, { found: false })
      const fresh = await db.engine.getPublishContext(this.post.id)
      if (!fresh || fresh.post.status !== 'SCHEDULED') return { outcome: 'raced' }
      this.context = fresh
      return this.publishScheduled()
    }
  }

  return processor as Processor
}
