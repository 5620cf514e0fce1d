import { type GroupStatus, type Platform, type PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { MAY_PUBLISH } from './approval-gate.js'
import type { PublishCheckpoint } from '@statex/core'
import type {
  AccountStatus,
  PublishAttempt,
  PublishErrorInfo,
  PublishOutcome,
  SocialPost,
} from '../types.js'
import { AttemptAlreadyFinishedError } from '../errors.js'
import { settleGroupStatus, type GroupSettlement } from './group-settle.js'
import { dispatchScans } from './dispatch-scans.js'
import { toPost } from './posts.js'
import { tokenChecks } from './token-checks.js'
import { idempotencyKeyFor } from './publish.js'
import { applyTransition } from './status.js'

// What the publishing engine (apps/worker) reads and writes beyond one attempt's life cycle:
// the per-target context a publish job needs, the claim, the outcome, reconciliation; the
// dispatcher's scans, the group status and the token checks are in their own modules. Raw SQL where the hot path would otherwise make several trips.

/** The account as the engine needs it to publish: no tokens (TokenService reads those). */
export interface EngineAccount {
  id: string
  workspaceId: string
  platform: Platform
  status: AccountStatus
  statusReason: string | null
  accessTokenExpiresAt: Date | null
  refreshTokenExpiresAt: Date | null
  hasRefreshToken: boolean
}

export interface PublishContext {
  post: SocialPost
  account: EngineAccount
  /** The newest attempt, open or finished; null before the first. */
  latestAttempt: PublishAttempt | null
}

/** How a reconcile check for an UNKNOWN target came out. */
export type Reconciliation =
  | {
      found: true
      externalId: string
      url?: string
      publishedAt: Date
      partIds?: string[]
    }
  /** Certainly not on the platform: back to SCHEDULED so it is published (once) now. */
  | { found: false }
  /** The platform cannot tell (or has no way to look): stays UNKNOWN, `message` says what to check. */
  | { found: 'undetermined'; message: string }

interface ContextRow {
  id: string
  group_id: string
  account_id: string
  status: PostStatus
  content: unknown
  content_override: unknown
  scheduled_at: Date | null
  external_id: string | null
  url: string | null
  published_at: Date | null
  last_error: string | null
  part_ids: string[] | null
  deliveries: unknown
  next_check_at: Date | null
  first_comment_status: string | null
  first_comment_external_id: string | null
  first_comment_error: string | null
  version: number
  created_at: Date
  updated_at: Date
  workspace_id: string
  platform: Platform
  account_status: AccountStatus
  status_reason: string | null
  access_token_expires_at: Date | null
  refresh_token_expires_at: Date | null
  has_refresh_token: boolean
  attempt_id: string | null
  attempt_number: number | null
  idempotency_key: string | null
  started_at: Date | null
  finished_at: Date | null
  outcome: PublishOutcome | null
  error_kind: string | null
  error_outcome: string | null
  error_message: string | null
  checkpoint: PublishCheckpoint | null
  attempt_external_id: string | null
}

const MAX_ERROR_MESSAGE = 2000

export function engineRepository(ctx: DbContext) {
  const { prisma } = ctx

  return {
    ...dispatchScans(prisma),
    ...tokenChecks(prisma),
    /** Everything one publish job needs to decide, in one round trip (tokens excepted). */
    async getPublishContext(targetId: string): Promise<PublishContext | null> {
      if (!isUuid(targetId)) return null
      const rows = await prisma.$queryRaw<ContextRow[]>`
        SELECT p.id, p.group_id, p.account_id, p.status::text AS status, p.content,
               p.content_override, p.scheduled_at, p.external_id, p.url, p.published_at,
               p.last_error, p.part_ids, p.deliveries, p.next_check_at, p.version, p.created_at, p.updated_at,
               p.first_comment_status, p.first_comment_external_id, p.first_comment_error,
               a.workspace_id, a.platform::text AS platform, a.status::text AS account_status,
               a.status_reason, a.access_token_expires_at, a.refresh_token_expires_at,
               a.refresh_token_encrypted IS NOT NULL AS has_refresh_token,
               t.id AS attempt_id, t.attempt_number, t.idempotency_key, t.started_at,
               t.finished_at, t.outcome::text AS outcome, t.error_kind, t.error_outcome,
               t.error_message, t.checkpoint, t.external_id AS attempt_external_id
        FROM social_posts p
        JOIN social_accounts a ON a.id = p.account_id
        LEFT JOIN LATERAL (
          SELECT * FROM publish_attempts WHERE post_id = p.id ORDER BY attempt_number DESC LIMIT 1
        ) t ON true
        WHERE p.id = ${targetId}::uuid`
      const row = rows[0]
      if (!row) return null
      return {
        post: {
          id: row.id,
          groupId: row.group_id,
          accountId: row.account_id,
          status: row.status,
          content: row.content as SocialPost['content'],
          contentOverride: (row.content_override ?? null) as SocialPost['contentOverride'],
          scheduledAt: row.scheduled_at,
          externalId: row.external_id,
          url: row.url,
          publishedAt: row.published_at,
          lastError: row.last_error,
          partIds: row.part_ids ?? [],
          deliveries: (row.deliveries ?? null) as SocialPost['deliveries'],
          nextCheckAt: row.next_check_at,
          firstCommentStatus: row.first_comment_status as SocialPost['firstCommentStatus'],
          firstCommentExternalId: row.first_comment_external_id,
          firstCommentError: row.first_comment_error,
          version: row.version,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        },
        account: {
          id: row.account_id,
          workspaceId: row.workspace_id,
          platform: row.platform,
          status: row.account_status,
          statusReason: row.status_reason,
          accessTokenExpiresAt: row.access_token_expires_at,
          refreshTokenExpiresAt: row.refresh_token_expires_at,
          hasRefreshToken: row.has_refresh_token,
        },
        latestAttempt: row.attempt_id
          ? {
              id: row.attempt_id,
              postId: row.id,
              attemptNumber: row.attempt_number!,
              idempotencyKey: row.idempotency_key!,
              startedAt: row.started_at!,
              finishedAt: row.finished_at,
              outcome: row.outcome,
              error: row.error_kind
                ? {
                    kind: row.error_kind as PublishErrorInfo['kind'],
                    outcome: (row.error_outcome ?? 'unknown') as PublishErrorInfo['outcome'],
                    message: row.error_message ?? '',
                  }
                : null,
              checkpoint: row.checkpoint,
              externalId: row.attempt_external_id,
            }
          : null,
      }
    },

    /** A SCHEDULED target that cannot be published (its account needs reconnecting): FAILED, with why. */
    async failScheduledTarget(
      targetId: string,
      reason: string,
      options: { actor?: string } = {},
    ): Promise<SocialPost | null> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.socialPost.findUnique({
          where: { id: targetId },
          select: { status: true },
        })
        if (current?.status !== 'SCHEDULED') return null
        return applyTransition(
          tx,
          targetId,
          { from: 'SCHEDULED', to: 'FAILED', reason, actor: options.actor ?? 'worker' },
          { lastError: reason.slice(0, MAX_ERROR_MESSAGE), nextCheckAt: null },
        )
      })
    },

    /**
     * Resolves an UNKNOWN target from a reconcile check. Returns null when the target is no
     * longer UNKNOWN (a person or another worker resolved it first).
     */
    async resolveUnknown(
      targetId: string,
      outcome: Reconciliation,
      options: { actor?: string } = {},
    ): Promise<SocialPost | null> {
      const actor = options.actor ?? 'worker'
      return prisma.$transaction(async (tx) => {
        const current = await tx.socialPost.findUnique({
          where: { id: targetId },
          select: { status: true },
        })
        if (current?.status !== 'UNKNOWN') return null
        if (outcome.found === true) {
          return applyTransition(
            tx,
            targetId,
            { from: 'UNKNOWN', to: 'PUBLISHED', reason: 'reconcile: found on the platform', actor },
            {
              externalId: outcome.externalId,
              url: outcome.url ?? null,
              publishedAt: outcome.publishedAt,
              partIds: outcome.partIds ?? [],
              lastError: null,
              nextCheckAt: null,
            },
          )
        }
        if (outcome.found === false) {
          return applyTransition(
            tx,
            targetId,
            {
              from: 'UNKNOWN',
              to: 'SCHEDULED',
              reason: 'reconcile: certainly not on the platform; publishing again',
              actor,
            },
            { nextCheckAt: null },
          )
        }
        await tx.socialPost.updateMany({
          where: { id: targetId, status: 'UNKNOWN' },
          data: { lastError: outcome.message.slice(0, MAX_ERROR_MESSAGE), nextCheckAt: null },
        })
        return toPost(await tx.socialPost.findUniqueOrThrow({ where: { id: targetId } }))
      })
    },

    /** Re-derives and stores the group's status from its targets (see `settleGroupStatus`). */
    async refreshGroupStatus(groupId: string): Promise<GroupStatus> {
      return (await settleGroupStatus(prisma, groupId)).status
    },

    /** The group's status from its targets, stored; with what it was before. */
    settleGroupStatus(groupId: string): Promise<GroupSettlement> {
      return settleGroupStatus(prisma, groupId)
    },

    /**
     * `beginPublishAttempt` in one round trip (data-modifying CTEs): SCHEDULED → PUBLISHING with
     * the lease, attempt n+1 with the target's idempotency key, the audit row. Of concurrent
     * callers exactly one gets a claim: the others' UPDATE finds the row no longer SCHEDULED.
     */
    async claimTarget(
      targetId: string,
      options: { leaseUntil: Date; actor?: string },
    ): Promise<{
      attemptId: string
      attemptNumber: number
      idempotencyKey: string
      startedAt: Date
      resumeFrom: PublishCheckpoint | null
    } | null> {
      const rows = await prisma.$queryRaw<
        {
          attempt_id: string | null
          attempt_number: number | null
          idempotency_key: string | null
          started_at: Date | null
          resume_from: PublishCheckpoint | null
        }[]
      >`
        WITH claimed AS (
          UPDATE social_posts
          SET status = 'PUBLISHING', version = version + 1, last_error = NULL,
              next_check_at = ${options.leaseUntil}, updated_at = now()
          WHERE id = ${targetId}::uuid AND status = 'SCHEDULED'
            AND EXISTS (SELECT 1 FROM post_groups g WHERE g.id = social_posts.group_id
                        AND g.approval_status = ANY(${MAY_PUBLISH}::text[]))
          RETURNING id),
        last AS (
          SELECT attempt_number, checkpoint FROM publish_attempts
          WHERE post_id = ${targetId}::uuid ORDER BY attempt_number DESC LIMIT 1),
        attempt AS (
          INSERT INTO publish_attempts (post_id, attempt_number, idempotency_key)
          SELECT claimed.id, COALESCE((SELECT attempt_number FROM last), 0) + 1, ${idempotencyKeyFor(targetId)}
          FROM claimed
          RETURNING id, attempt_number, idempotency_key, started_at),
        audit AS (
          INSERT INTO post_status_changes (post_id, from_status, to_status, reason, actor)
          SELECT ${targetId}::uuid, 'SCHEDULED', 'PUBLISHING', 'publish attempt ' || attempt_number,
                 ${options.actor ?? 'worker'}
          FROM attempt)
        SELECT attempt.id AS attempt_id, attempt.attempt_number, attempt.idempotency_key,
               attempt.started_at, (SELECT checkpoint FROM last) AS resume_from
        FROM attempt`
      const row = rows[0]
      if (!row?.attempt_id) return null
      return {
        attemptId: row.attempt_id,
        attemptNumber: row.attempt_number!,
        idempotencyKey: row.idempotency_key!,
        startedAt: row.started_at!,
        resumeFrom: row.resume_from,
      }
    },

    /**
     * `finishPublishAttempt(published)` in one round trip: closes the open attempt, moves the
     * target PUBLISHING/PROCESSING → PUBLISHED with its ids, writes the audit row. Throws
     * `AttemptAlreadyFinishedError` when the attempt was closed first (a lease taken over).
     */
    async recordPublished(
      attemptId: string,
      published: { externalId: string; url?: string; publishedAt: Date; partIds?: string[] },
      options: { actor?: string } = {},
    ): Promise<void> {
      const rows = await prisma.$queryRaw<{ post_id: string | null; moved: boolean }[]>`
        WITH att AS (
          UPDATE publish_attempts
          SET outcome = 'published', finished_at = now(), external_id = ${published.externalId}
          WHERE id = ${attemptId}::uuid AND finished_at IS NULL
          RETURNING post_id, attempt_number),
        prev AS (
          SELECT p.id, p.status FROM social_posts p JOIN att ON p.id = att.post_id
          WHERE p.status IN ('PUBLISHING', 'PROCESSING')),
        moved AS (
          UPDATE social_posts p
          SET status = 'PUBLISHED', version = p.version + 1, external_id = ${published.externalId},
              url = ${published.url ?? null}, published_at = ${published.publishedAt},
              part_ids = ${published.partIds ?? []}::text[], last_error = NULL,
              next_check_at = NULL, updated_at = now()
          FROM prev WHERE p.id = prev.id
          RETURNING p.id),
        audit AS (
          INSERT INTO post_status_changes (post_id, from_status, to_status, reason, actor)
          SELECT prev.id, prev.status, 'PUBLISHED', 'publish attempt ' || att.attempt_number || ': published',
                 ${options.actor ?? 'worker'}
          FROM prev, att)
        SELECT (SELECT post_id FROM att) AS post_id, EXISTS (SELECT 1 FROM moved) AS moved`
      const row = rows[0]
      if (!row?.post_id) throw new AttemptAlreadyFinishedError(attemptId)
      if (!row.moved) throw new AttemptAlreadyFinishedError(attemptId)
    },

    /** How many of these targets are not settled yet (SCHEDULED, PUBLISHING, PROCESSING). */
    async countUnsettledTargets(targetIds: string[]): Promise<number> {
      return prisma.socialPost.count({
        where: { id: { in: targetIds }, status: { in: ['SCHEDULED', 'PUBLISHING', 'PROCESSING'] } },
      })
    },
  }
}

export type { GroupSettlement }
export type { DispatchItem } from './dispatch-scans.js'
export type EngineRepository = ReturnType<typeof engineRepository>
