import { z } from 'zod'
import { Id, Instant } from './common.js'
import { ApprovalStatus, Post } from './posts.js'

export const ApprovalPolicyBody = z
  .object({
    required: z.boolean().meta({ description: 'Every new post needs an approval to publish.' }),
    approverRole: z
      .enum(['viewer', 'editor', 'owner'])
      .default('owner')
      .meta({ description: 'Members (and API keys) with at least this role approve.' }),
    approverUserIds: z
      .array(Id)
      .max(100)
      .default([])
      .meta({ description: 'Members who approve whatever their role.' }),
  })
  .strict()
  .meta({ id: 'ApprovalPolicy' })

export const ReviewEventBody = z
  .object({
    id: Id,
    kind: z.enum(['submitted', 'approved', 'rejected', 'commented', 'reopened']),
    actor: z.string(),
    actorName: z.string().nullable(),
    comment: z.string().nullable(),
    at: Instant,
  })
  .meta({ id: 'ReviewEvent' })

const Comment = z.string().trim().min(1, 'write a comment').max(5000)

export const OptionalCommentBody = z.object({ comment: Comment.optional() }).strict()
export const RequiredCommentBody = z.object({ comment: Comment }).strict()

export const ReviewStepAnswer = z.object({
  post: Post,
  event: ReviewEventBody,
  /** Publish jobs added for approved targets already due. */
  jobIds: z.array(z.string()),
})

export const HistoryAnswer = z.object({
  approvalStatus: ApprovalStatus,
  review: z.array(ReviewEventBody),
  /** Every status change of every target, oldest first. */
  statusChanges: z.array(
    z.object({
      targetId: Id,
      from: z.string().nullable(),
      to: z.string(),
      reason: z.string(),
      actor: z.string(),
      at: Instant,
    }),
  ),
})

export const ReviewLinkBody = z
  .object({
    expiresInHours: z.number().int().min(1).max(720).default(72),
  })
  .strict()

export const ReviewLinkView = z
  .object({ id: Id, expiresAt: Instant, revokedAt: Instant.nullable(), createdAt: Instant })
  .meta({ id: 'ReviewLink' })

export const CreatedReviewLink = ReviewLinkView.extend({
  /** Shown once: whoever holds it can approve, reject and comment until it expires. */
  token: z.string(),
  url: z.string(),
})

const Token = z.string().min(10).max(200)
const ReviewerName = z.string().trim().min(1, 'say who you are').max(200)

export const LinkQuery = z.object({ token: Token }).strict()
export const LinkDecisionBody = z
  .object({ token: Token, name: ReviewerName, comment: Comment.optional() })
  .strict()
export const LinkRejectBody = z
  .object({ token: Token, name: ReviewerName, comment: Comment })
  .strict()

/** What a reviewer without an account sees: the content and where it goes, no ids of accounts. */
export const ExternalReview = z.object({
  postId: Id,
  approvalStatus: ApprovalStatus,
  content: z.record(z.string(), z.unknown()),
  scheduledAt: Instant.nullable(),
  timeZone: z.string(),
  targets: z.array(
    z.object({
      platform: z.string(),
      content: z.record(z.string(), z.unknown()),
      status: z.string(),
    }),
  ),
  review: z.array(ReviewEventBody),
  linkExpiresAt: Instant,
})
