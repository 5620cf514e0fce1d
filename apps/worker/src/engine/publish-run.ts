import type { AccountAuth, PublishResult, SocialProvider } from '@statex/core'
import {
  AttemptAlreadyFinishedError,
  type Db,
  type PublishAttempt,
  type PublishContext,
  type SocialPost,
} from '@statex/db'
import type { Logger } from '@statex/runtime'
import type { Job } from 'bullmq'
import { applyQueueAction } from '../apply-queue-action.js'
import { backoffDelayMs, decideQueueAction, type QueueAction } from '../error-policy.js'
import type { AccountGate } from './account-gate.js'
import type { EngineEvents } from './events.js'
import { EngineJobFailure, PLATFORM_NAMES, asProviderError, type FailureTags } from './failures.js'
import { markUnknown, recordDecision, recordResult } from './attempt-outcome.js'
import { sendFirstComment } from './first-comment.js'
import { pollProcessing } from './poll-processing.js'
import type { PublishEngineSettings } from './publish-settings.js'
import { reconcileUnknown } from './reconcile-unknown.js'
import { ReconnectRequiredError, type TokenService } from './token-service.js'

/** What every run of the publish processor shares: the processor's dependencies, settled. */
export interface RunEnv {
  db: Db
  providers: Partial<Record<SocialProvider['platform'], SocialProvider>>
  gate: AccountGate
  tokens: TokenService
  /** Group outcomes and reconnect needs, stored and told to the workspace's webhooks. */
  events: EngineEvents
  log: Logger
  settings: PublishEngineSettings
}

/** What a run ended in, returned as the job's result (and asserted by tests). */
export type PublishJobResult =
  | { outcome: 'published'; externalId: string }
  | { outcome: 'gone' | 'not-due' | 'raced' | 'needs-review' }
  | { outcome: 'settled'; status: string }
  | { outcome: 'failed' | 'unknown'; reason: string }

export type PublishJob = Pick<
  Job,
  'id' | 'data' | 'attemptsMade' | 'opts' | 'moveToDelayed' | 'updateData'
>

/** One job run against one target; holds what the steps share. */
export class PublishRun {
  readonly name: string
  readonly provider: SocialProvider | undefined
  readonly tags: Omit<FailureTags, 'queue'>
  constructor(
    readonly env: RunEnv,
    readonly job: PublishJob,
    readonly token: string | undefined,
    public context: PublishContext,
  ) {
    this.name = PLATFORM_NAMES[context.account.platform]
    this.provider = env.providers[context.account.platform]
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
      case 'PUBLISHED':
        // A job run again after its worker died between the post and its first comment, or the
        // dispatcher's sweep: the claim makes sending it here at most once.
        await this.firstComment()
        return { outcome: 'settled', status: this.post.status }
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
    await this.env.events.settleGroup(this.post.groupId)
  }

  async failScheduled(reason: string): Promise<never> {
    await this.env.db.engine.failScheduledTarget(this.post.id, reason)
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
      if (due - now <= this.env.settings.horizonMs) return this.later(due, 'not due yet')
      return { outcome: 'not-due' }
    }
    const holder = String(this.job.id ?? this.post.id)
    const gateDecision = await this.env.gate.acquire(account.id, holder)
    if (!gateDecision.ok) {
      return this.later(
        now + gateDecision.waitMs,
        gateDecision.why === 'paused'
          ? `the ${this.name} account is rate-limited`
          : 'another post of this account is being published',
      )
    }
    try {
      const claim = await this.env.db.engine.claimTarget(this.post.id, {
        leaseUntil: new Date(now + this.env.settings.leaseMs),
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
      await this.env.gate.release(account.id, holder)
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
      auth = await this.env.tokens.getAuth(this.context.account)
    } catch (error) {
      return recordDecision(this, attempt, this.tokenFailure(error), null)
    }
    for (;;) {
      let result: PublishResult
      try {
        result = await provider.publish({
          account: auth,
          post: post.content,
          idempotencyKey: attempt.idempotencyKey,
          signal: AbortSignal.timeout(this.env.settings.publishTimeoutMs),
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
            auth = await this.env.tokens.refresh(this.context.account, { force: true })
            tokenRefreshed = true
            continue
          } catch (refreshError) {
            return recordDecision(this, attempt, this.tokenFailure(refreshError), error)
          }
        }
        return recordDecision(this, attempt, action, error)
      }
      return recordResult(this, attempt, result)
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
      {
        db: this.env.db,
        tokens: this.env.tokens,
        log: this.env.log,
        timeoutMs: this.env.settings.publishTimeoutMs,
      },
      this.provider,
      this.context,
    )
  }

  /** PUBLISHING found by a job: its worker died (or stalled) mid-publish once the lease is over. */
  async recoverStale(): Promise<PublishJobResult> {
    const leaseEnd = this.post.nextCheckAt?.getTime() ?? 0
    if (leaseEnd > Date.now()) return this.later(leaseEnd + 1_000, 'another worker holds the claim')
    const attempt = this.context.latestAttempt
    if (!attempt || attempt.finishedAt) {
      await this.env.db.posts.transitionPost(this.post.id, {
        from: 'PUBLISHING',
        to: 'UNKNOWN',
        reason: 'publishing with no open attempt',
        actor: 'worker',
      })
      return { outcome: 'unknown', reason: 'publishing with no open attempt' }
    }
    const reason = `The worker stopped while this post was being sent to ${this.name}.`
    try {
      return await markUnknown(
        this,
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

  /** PROCESSING: ask the platform how its processing went. */
  poll(): Promise<PublishJobResult> {
    return pollProcessing(this)
  }

  /** UNKNOWN with a check due: ask the platform whether the post is there. */
  reconcile(): Promise<PublishJobResult> {
    return reconcileUnknown(this)
  }
}
