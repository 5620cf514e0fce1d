import { createHash, randomBytes } from 'node:crypto'
import { deriveGroupStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { ApprovalStateError, InvalidInputError, NotFoundError } from '../errors.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { ApprovalStatus, SocialPost, WorkspaceRole } from '../types.js'
import { applyTransition } from './status.js'

/** Whether the workspace's posts need approval, and who may give it. */
export interface ApprovalPolicy {
  required: boolean
  /** Members (and API keys) with at least this role approve. */
  approverRole: WorkspaceRole
  /** Named members who approve whatever their role. */
  approverUserIds: string[]
}

export type ReviewEventKind = 'submitted' | 'approved' | 'rejected' | 'commented' | 'reopened'

export interface ReviewEvent {
  id: string
  groupId: string
  kind: ReviewEventKind
  actor: string
  actorName: string | null
  comment: string | null
  at: Date
}

export interface ReviewLink {
  id: string
  groupId: string
  createdBy: string
  expiresAt: Date
  revokedAt: Date | null
  createdAt: Date
}

export interface ReviewStepResult {
  approvalStatus: ApprovalStatus
  /** Targets that moved, with their new status and time. */
  moved: SocialPost[]
  event: ReviewEvent
}

const DEFAULT_POLICY: ApprovalPolicy = {
  required: false,
  approverRole: 'owner',
  approverUserIds: [],
}

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

const toEvent = (row: {
  id: string
  groupId: string
  kind: string
  actor: string
  actorName: string | null
  comment: string | null
  at: Date
}): ReviewEvent => ({ ...row, kind: row.kind as ReviewEventKind })

/** Which approval states each step starts from. */
const FROM: Record<'submit' | 'decide', readonly ApprovalStatus[]> = {
  submit: ['not_required', 'pending', 'rejected'],
  decide: ['in_review'],
}

export function approvalsRepository(ctx: DbContext) {
  const { prisma } = ctx

  /**
   * Moves the group's approval state `from` → `to` with a conditional UPDATE, so of two
   * reviewers deciding at once exactly one wins; the other gets `ApprovalStateError`.
   */
  async function moveGroup(
    tx: Prisma.TransactionClient,
    workspaceId: string,
    groupId: string,
    from: readonly ApprovalStatus[],
    to: ApprovalStatus,
    refusal: (current: ApprovalStatus) => string,
  ): Promise<void> {
    const { count } = await tx.postGroup.updateMany({
      where: { id: groupId, workspaceId, approvalStatus: { in: [...from] } },
      data: { approvalStatus: to },
    })
    if (count > 0) return
    const row = await tx.postGroup.findFirst({
      where: { id: groupId, workspaceId },
      select: { approvalStatus: true },
    })
    if (!row) throw new NotFoundError('Post', groupId)
    const current = row.approvalStatus as ApprovalStatus
    throw new ApprovalStateError(groupId, current, refusal(current))
  }

  async function refreshGroupStatus(tx: Prisma.TransactionClient, groupId: string): Promise<void> {
    const targets = await tx.socialPost.findMany({ where: { groupId }, select: { status: true } })
    await tx.postGroup.update({
      where: { id: groupId },
      data: { status: deriveGroupStatus(targets.map((t) => t.status)) },
    })
  }

  return {
    async getPolicy(workspaceId: string): Promise<ApprovalPolicy> {
      const row = await prisma.approvalPolicy.findUnique({ where: { workspaceId } })
      return row
        ? {
            required: row.required,
            approverRole: row.approverRole,
            approverUserIds: row.approverUserIds,
          }
        : { ...DEFAULT_POLICY }
    },

    /** Replaces the policy. Every named approver must be a member of the workspace. */
    async setPolicy(workspaceId: string, policy: ApprovalPolicy): Promise<ApprovalPolicy> {
      const ids = [...new Set(policy.approverUserIds)]
      const bad = ids.filter((id) => !isUuid(id))
      const members = await prisma.workspaceMember.findMany({
        where: { workspaceId, userId: { in: ids.filter(isUuid) } },
        select: { userId: true },
      })
      const missing = [
        ...bad,
        ...ids.filter((id) => isUuid(id) && !members.some((m) => m.userId === id)),
      ]
      if (missing.length)
        throw new InvalidInputError(
          `Approvers must be members of the workspace; not members: ${missing.join(', ')}.`,
        )
      const data = {
        required: policy.required,
        approverRole: policy.approverRole,
        approverUserIds: ids,
      }
      const row = await prisma.approvalPolicy.upsert({
        where: { workspaceId },
        create: { workspaceId, ...data },
        update: data,
      })
      return {
        required: row.required,
        approverRole: row.approverRole,
        approverUserIds: row.approverUserIds,
      }
    },

    /**
     * Submits a post for review: its DRAFT, SCHEDULED and FAILED targets become IN_REVIEW (their
     * time is kept for when it is approved). Refused while in review or once approved.
     */
    async submitForReview(input: {
      workspaceId: string
      groupId: string
      actor: string
      comment?: string
    }): Promise<ReviewStepResult> {
      return prisma.$transaction(async (tx) => {
        await moveGroup(
          tx,
          input.workspaceId,
          input.groupId,
          FROM.submit,
          'in_review',
          (current) =>
            current === 'in_review'
              ? 'This post is already in review.'
              : 'This post is approved; edit its content to send it back to review.',
        )
        const targets = await tx.socialPost.findMany({
          where: { groupId: input.groupId, status: { in: ['DRAFT', 'SCHEDULED', 'FAILED'] } },
          orderBy: { createdAt: 'asc' },
        })
        if (targets.length === 0)
          throw new ApprovalStateError(
            input.groupId,
            'in_review',
            'Nothing of this post can be reviewed: every target is publishing, published or archived.',
          )
        const moved: SocialPost[] = []
        for (const t of targets)
          moved.push(
            await applyTransition(tx, t.id, {
              from: t.status,
              to: 'IN_REVIEW',
              reason: 'submitted for review',
              actor: input.actor,
              expectedVersion: t.version,
            }),
          )
        const event = await tx.postReviewEvent.create({
          data: {
            groupId: input.groupId,
            kind: 'submitted',
            actor: input.actor,
            comment: input.comment ?? null,
          },
        })
        await refreshGroupStatus(tx, input.groupId)
        return { approvalStatus: 'in_review' as const, moved, event: toEvent(event) }
      })
    },

    /**
     * An approver's decision on a post in review. Approved: each IN_REVIEW target becomes
     * SCHEDULED at its time (now, if that time has passed while it waited), or DRAFT when it has
     * none yet. Rejected: back to DRAFT, with the comment (required) in the history.
     */
    async decide(input: {
      workspaceId: string
      groupId: string
      decision: 'approved' | 'rejected'
      actor: string
      actorName?: string
      comment?: string
      now?: Date
    }): Promise<ReviewStepResult> {
      if (input.decision === 'rejected' && !input.comment?.trim())
        throw new InvalidInputError('A rejection needs a comment saying what to change.')
      const now = input.now ?? new Date()
      return prisma.$transaction(async (tx) => {
        await moveGroup(
          tx,
          input.workspaceId,
          input.groupId,
          FROM.decide,
          input.decision,
          (current) =>
            `This post is not in review (it is ${current.replace('_', ' ')}); ${
              current === 'pending' || current === 'rejected'
                ? 'submit it first'
                : 'nothing to decide'
            }.`,
        )
        const targets = await tx.socialPost.findMany({
          where: { groupId: input.groupId, status: 'IN_REVIEW' },
          orderBy: { createdAt: 'asc' },
        })
        const who = input.actorName ? `${input.actor} (${input.actorName})` : input.actor
        const moved: SocialPost[] = []
        for (const t of targets) {
          const schedule = input.decision === 'approved' && t.scheduledAt !== null
          const at = schedule && t.scheduledAt! < now ? now : t.scheduledAt
          moved.push(
            await applyTransition(
              tx,
              t.id,
              {
                from: 'IN_REVIEW',
                to: schedule ? 'SCHEDULED' : 'DRAFT',
                reason: `${input.decision} by ${who}${input.comment ? `: ${input.comment}` : ''}`,
                actor: input.actor,
                expectedVersion: t.version,
              },
              schedule ? { scheduledAt: at, lastError: null } : {},
            ),
          )
        }
        const event = await tx.postReviewEvent.create({
          data: {
            groupId: input.groupId,
            kind: input.decision,
            actor: input.actor,
            actorName: input.actorName ?? null,
            comment: input.comment ?? null,
          },
        })
        await refreshGroupStatus(tx, input.groupId)
        return { approvalStatus: input.decision, moved, event: toEvent(event) }
      })
    },

    /** A comment on the post's review; no state changes. */
    async addReviewComment(input: {
      workspaceId: string
      groupId: string
      actor: string
      actorName?: string
      comment: string
    }): Promise<ReviewEvent> {
      const group = await prisma.postGroup.findFirst({
        where: { id: input.groupId, workspaceId: input.workspaceId },
        select: { id: true },
      })
      if (!group) throw new NotFoundError('Post', input.groupId)
      return toEvent(
        await prisma.postReviewEvent.create({
          data: {
            groupId: input.groupId,
            kind: 'commented',
            actor: input.actor,
            actorName: input.actorName ?? null,
            comment: input.comment,
          },
        }),
      )
    },

    /** The review history of a post, oldest first. */
    async listReviewEvents(groupId: string): Promise<ReviewEvent[]> {
      if (!isUuid(groupId)) return []
      const rows = await prisma.postReviewEvent.findMany({
        where: { groupId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
      return rows.map(toEvent)
    },

    /** A link for a reviewer without an account; the token is returned here only. */
    async createReviewLink(input: {
      workspaceId: string
      groupId: string
      createdBy: string
      expiresAt: Date
    }): Promise<{ link: ReviewLink; token: string }> {
      const group = await prisma.postGroup.findFirst({
        where: { id: input.groupId, workspaceId: input.workspaceId },
        select: { id: true },
      })
      if (!group) throw new NotFoundError('Post', input.groupId)
      const token = `rvw_${randomBytes(32).toString('base64url')}`
      const link = await prisma.reviewLink.create({
        data: {
          groupId: input.groupId,
          tokenHash: hash(token),
          createdBy: input.createdBy,
          expiresAt: input.expiresAt,
        },
        omit: { tokenHash: true },
      })
      return { link, token }
    },

    /** The link a token names, when it is neither expired nor revoked; null otherwise. */
    async resolveReviewLink(
      token: string,
      now = new Date(),
    ): Promise<(ReviewLink & { workspaceId: string }) | null> {
      const row = await prisma.reviewLink.findUnique({
        where: { tokenHash: hash(token) },
        omit: { tokenHash: true },
        include: { group: { select: { workspaceId: true } } },
      })
      if (!row || row.revokedAt || row.expiresAt <= now) return null
      const { group, ...link } = row
      return { ...link, workspaceId: group.workspaceId }
    },

    async listReviewLinks(groupId: string): Promise<ReviewLink[]> {
      if (!isUuid(groupId)) return []
      return prisma.reviewLink.findMany({
        where: { groupId },
        orderBy: { createdAt: 'asc' },
        omit: { tokenHash: true },
      })
    },

    async revokeReviewLink(groupId: string, linkId: string, now = new Date()): Promise<boolean> {
      if (!isUuid(linkId)) return false
      const { count } = await prisma.reviewLink.updateMany({
        where: { id: linkId, groupId, revokedAt: null },
        data: { revokedAt: now },
      })
      return count > 0
    },
  }
}

export type ApprovalsRepository = ReturnType<typeof approvalsRepository>
