import type { PostStatus, PublishCheckpoint } from '@statex/core'
import type { DbContext } from '../context.js'
import { AttemptAlreadyFinishedError, InvalidInputError, NotFoundError } from '../errors.js'
import type { Prisma, PublishAttempt as AttemptRow } from '../generated/prisma/client.js'
import type { PublishAttempt, PublishErrorInfo, PublishOutcome, SocialPost } from '../types.js'
import { MAY_PUBLISH } from './approval-gate.js'
import { toPost } from './posts.js'
import { applyTransition } from './status.js'

function toAttempt(row: AttemptRow): PublishAttempt {
  return {
    id: row.id,
    postId: row.postId,
    attemptNumber: row.attemptNumber,
    idempotencyKey: row.idempotencyKey,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    outcome: row.outcome,
    error:
      row.errorKind && row.errorOutcome && row.errorMessage !== null
        ? {
            kind: row.errorKind as PublishErrorInfo['kind'],
            outcome: row.errorOutcome as PublishErrorInfo['outcome'],
            message: row.errorMessage,
            ...(row.errorStatus !== null ? { status: row.errorStatus } : {}),
            ...(row.errorPlatformCode !== null ? { platformCode: row.errorPlatformCode } : {}),
          }
        : null,
    checkpoint: (row.checkpoint ?? null) as PublishCheckpoint | null,
    externalId: row.externalId,
  }
}

/**
 * The same for every attempt at one target, as the SocialProvider contract asks: a platform that
 * de-duplicates on it (or an adapter recognising its own earlier try) then sees a retry as the
 * same publish, never a second one.
 */
export function idempotencyKeyFor(postId: string): string {
  return `statex-post-${postId}`
}

export type BeginPublishResult =
  | {
      started: true
      attempt: PublishAttempt
      post: SocialPost
      /** The previous attempt's checkpoint (what already landed): hand it to the adapter as `resumeFrom`. */
      resumeFrom: PublishCheckpoint | null
    }
  /** Someone else started it, or it is no longer SCHEDULED: do nothing. */
  | { started: false; status: PostStatus | null }

/**
 * How an attempt ended (or paused). The post moves with it:
 * published → PUBLISHED, pending → PROCESSING (the attempt stays open), rescheduled → SCHEDULED
 * (only for an error that certainly did not reach the platform), failed → FAILED, unknown → UNKNOWN.
 */
export type PublishAttemptResult =
  | {
      outcome: 'published'
      externalId: string
      url?: string
      publishedAt: Date
      /** Every message/part the platform created, in order. */
      partIds?: string[]
    }
  | { outcome: 'pending'; checkpoint: PublishCheckpoint; externalId?: string }
  | { outcome: 'rescheduled'; error: PublishErrorInfo; checkpoint?: PublishCheckpoint }
  | { outcome: 'failed'; error: PublishErrorInfo; checkpoint?: PublishCheckpoint }
  | { outcome: 'unknown'; error: PublishErrorInfo; checkpoint?: PublishCheckpoint }

const NEXT_STATUS: Record<PublishOutcome, PostStatus> = {
  published: 'PUBLISHED',
  pending: 'PROCESSING',
  rescheduled: 'SCHEDULED',
  failed: 'FAILED',
  unknown: 'UNKNOWN',
}

const MAX_ERROR_MESSAGE = 2000

function errorColumns(error: PublishErrorInfo) {
  return {
    errorKind: error.kind,
    errorOutcome: error.outcome,
    errorMessage: error.message.slice(0, MAX_ERROR_MESSAGE),
    errorStatus: error.status ?? null,
    errorPlatformCode: error.platformCode === undefined ? null : String(error.platformCode),
  }
}

export function publishRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Claims a due post for publishing: moves it SCHEDULED → PUBLISHING with one conditional
     * UPDATE and opens attempt n+1 with key `<postId>:<n>`, in one transaction. Of any number of
     * concurrent callers exactly one gets `started: true`; the others wait for its row lock, then
     * see the post is no longer SCHEDULED.
     */
    async beginPublishAttempt(
      postId: string,
      options: {
        actor?: string
        /** Until when the claim holds; after it, the engine treats the worker as gone (stored as next_check_at). */
        leaseUntil?: Date
      } = {},
    ): Promise<BeginPublishResult> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.socialPost.updateMany({
          where: {
            id: postId,
            status: 'SCHEDULED',
            group: { approvalStatus: { in: [...MAY_PUBLISH] } },
          },
          data: {
            status: 'PUBLISHING',
            version: { increment: 1 },
            lastError: null,
            nextCheckAt: options.leaseUntil ?? null,
          },
        })
        if (count === 0) {
          const row = await tx.socialPost.findUnique({
            where: { id: postId },
            select: { status: true },
          })
          return { started: false as const, status: row?.status ?? null }
        }
        const last = await tx.publishAttempt.findFirst({
          where: { postId },
          orderBy: { attemptNumber: 'desc' },
          select: { attemptNumber: true, checkpoint: true },
        })
        const attemptNumber = (last?.attemptNumber ?? 0) + 1
        const attempt = await tx.publishAttempt.create({
          data: { postId, attemptNumber, idempotencyKey: idempotencyKeyFor(postId) },
        })
        await tx.postStatusChange.create({
          data: {
            postId,
            fromStatus: 'SCHEDULED',
            toStatus: 'PUBLISHING',
            reason: `publish attempt ${attemptNumber}`,
            actor: options.actor ?? 'worker',
          },
        })
        const post = await tx.socialPost.findUniqueOrThrow({ where: { id: postId } })
        return {
          started: true as const,
          attempt: toAttempt(attempt),
          post: toPost(post),
          resumeFrom: (last?.checkpoint ?? null) as PublishCheckpoint | null,
        }
      })
    },

    /**
     * Records how an attempt ended and moves the post accordingly, in one transaction. A
     * `pending` result keeps the attempt open (with its checkpoint) for a later call; a final
     * result on an attempt already finished throws `AttemptAlreadyFinishedError`.
     */
    async finishPublishAttempt(
      attemptId: string,
      result: PublishAttemptResult,
      options: {
        actor?: string
        /** When the engine looks at the post again (the next poll, the reconcile check); default none. */
        nextCheckAt?: Date | null
      } = {},
    ): Promise<{ attempt: PublishAttempt; post: SocialPost }> {
      if (result.outcome === 'rescheduled' && result.error.outcome !== 'not_sent') {
        throw new InvalidInputError(
          'Only an error that certainly did not reach the platform may reschedule; record it as unknown.',
        )
      }
      return prisma.$transaction(async (tx) => {
        const attempt = await tx.publishAttempt.findUnique({ where: { id: attemptId } })
        if (!attempt) throw new NotFoundError('Publish attempt', attemptId)
        const final = result.outcome !== 'pending'
        const data: Prisma.PublishAttemptUpdateManyMutationInput = {
          outcome: result.outcome,
          finishedAt: final ? new Date() : null,
          ...('error' in result ? errorColumns(result.error) : {}),
          ...('checkpoint' in result && result.checkpoint !== undefined
            ? { checkpoint: result.checkpoint as Prisma.InputJsonValue }
            : {}),
          ...('externalId' in result && result.externalId !== undefined
            ? { externalId: result.externalId }
            : {}),
        }
        // Conditional on still being open: two workers cannot both record a final outcome.
        const { count } = await tx.publishAttempt.updateMany({
          where: { id: attemptId, finishedAt: null },
          data,
        })
        if (count === 0) throw new AttemptAlreadyFinishedError(attemptId)

        const to = NEXT_STATUS[result.outcome]
        const current = await tx.socialPost.findUniqueOrThrow({
          where: { id: attempt.postId },
          select: { status: true },
        })
        const nextCheckAt = options.nextCheckAt ?? null
        let post: SocialPost
        if (current.status === to) {
          await tx.socialPost.updateMany({ where: { id: attempt.postId }, data: { nextCheckAt } })
          post = toPost(await tx.socialPost.findUniqueOrThrow({ where: { id: attempt.postId } }))
        } else {
          const postData: Prisma.SocialPostUpdateManyMutationInput =
            result.outcome === 'published'
              ? {
                  externalId: result.externalId,
                  url: result.url ?? null,
                  publishedAt: result.publishedAt,
                  partIds: result.partIds ?? [],
                  lastError: null,
                  nextCheckAt: null,
                }
              : 'error' in result
                ? { lastError: result.error.message.slice(0, MAX_ERROR_MESSAGE), nextCheckAt }
                : result.externalId !== undefined
                  ? { externalId: result.externalId, nextCheckAt }
                  : { nextCheckAt }
          post = await applyTransition(
            tx,
            attempt.postId,
            {
              to,
              reason: `publish attempt ${attempt.attemptNumber}: ${result.outcome}`,
              actor: options.actor ?? 'worker',
            },
            postData,
          )
        }
        const updated = await tx.publishAttempt.findUniqueOrThrow({ where: { id: attemptId } })
        return { attempt: toAttempt(updated), post }
      })
    },

    async listPublishAttempts(postId: string): Promise<PublishAttempt[]> {
      const rows = await prisma.publishAttempt.findMany({
        where: { postId },
        orderBy: { attemptNumber: 'asc' },
      })
      return rows.map(toAttempt)
    },

    /** The attempt a PROCESSING or UNKNOWN post is waiting on, with its checkpoint. */
    async getLatestPublishAttempt(postId: string): Promise<PublishAttempt | null> {
      const row = await prisma.publishAttempt.findFirst({
        where: { postId },
        orderBy: { attemptNumber: 'desc' },
      })
      return row ? toAttempt(row) : null
    },
  }
}

export type PublishRepository = ReturnType<typeof publishRepository>
