import type { ApprovalPolicy, PostGroupView, ReviewEvent, ReviewStepResult } from '@statex/db'
import type { FastifyBaseLogger } from 'fastify'
import { roleAllows, type Principal } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { emitPostEvent, type PostEventType } from './post-events.js'
import { enqueueNow } from './posts.js'

type Deps = Pick<AppDeps, 'db' | 'providers' | 'queues' | 'webhookQueue'> & {
  log: FastifyBaseLogger
}

/** Who acts on a review: a member or API key (`principal`), or a review link's holder. */
export type Reviewer =
  { kind: 'member'; principal: Principal } | { kind: 'link'; linkId: string; name: string }

const actorOf = (reviewer: Reviewer) =>
  reviewer.kind === 'member' ? reviewer.principal.actor : `review-link:${reviewer.linkId}`

/** Members with the policy's role (API keys too), and the people it names, approve. */
export function isApprover(policy: ApprovalPolicy, principal: Principal): boolean {
  if (roleAllows(principal.role, policy.approverRole)) return true
  return principal.userId !== undefined && policy.approverUserIds.includes(principal.userId)
}

export async function assertApprover(deps: Deps, principal: Principal): Promise<void> {
  const policy = await deps.db.approvals.getPolicy(principal.workspaceId)
  if (!isApprover(policy, principal))
    throw new ApiError('NOT_AN_APPROVER', {
      message: `Only ${policy.approverRole}s${
        policy.approverUserIds.length ? ' and the named approvers' : ''
      } approve or reject posts in this workspace.`,
    })
}

export const eventBody = (e: ReviewEvent) => ({
  id: e.id,
  kind: e.kind,
  actor: e.actor,
  actorName: e.actorName,
  comment: e.comment,
  at: e.at.toISOString(),
})

async function announce(
  deps: Deps,
  workspaceId: string,
  postId: string,
  type: PostEventType,
  step: { approvalStatus: string; event: ReviewEvent },
) {
  await emitPostEvent(deps, workspaceId, type, {
    postId,
    approvalStatus: step.approvalStatus,
    ...eventBody(step.event),
  })
}

export async function submitPost(
  deps: Deps,
  principal: Principal,
  post: PostGroupView,
  comment: string | undefined,
): Promise<ReviewStepResult> {
  const step = await deps.db.approvals.submitForReview({
    workspaceId: principal.workspaceId,
    groupId: post.id,
    actor: principal.actor,
    ...(comment ? { comment } : {}),
  })
  await announce(deps, principal.workspaceId, post.id, 'post.submitted', step)
  return step
}

/**
 * Approves or rejects a post in review. Approved targets whose time has come are queued at once
 * (the dispatcher would find them on its next tick anyway).
 */
export async function decidePost(
  deps: Deps,
  input: {
    workspaceId: string
    postId: string
    reviewer: Reviewer
    decision: 'approved' | 'rejected'
    comment?: string | undefined
  },
  now = new Date(),
): Promise<{ step: ReviewStepResult; jobIds: string[] }> {
  const step = await deps.db.approvals.decide({
    workspaceId: input.workspaceId,
    groupId: input.postId,
    decision: input.decision,
    actor: actorOf(input.reviewer),
    ...(input.reviewer.kind === 'link' ? { actorName: input.reviewer.name } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    now,
  })
  const due = step.moved.filter(
    (t) => t.status === 'SCHEDULED' && t.scheduledAt && t.scheduledAt <= now,
  )
  const jobIds = due.length
    ? await enqueueNow(
        deps,
        due.map((t) => t.id),
        'publish-now',
      )
    : []
  await announce(
    deps,
    input.workspaceId,
    input.postId,
    input.decision === 'approved' ? 'post.approved' : 'post.rejected',
    step,
  )
  return { step, jobIds }
}

export async function commentOnPost(
  deps: Deps,
  input: { workspaceId: string; postId: string; reviewer: Reviewer; comment: string },
): Promise<ReviewEvent> {
  const event = await deps.db.approvals.addReviewComment({
    workspaceId: input.workspaceId,
    groupId: input.postId,
    actor: actorOf(input.reviewer),
    ...(input.reviewer.kind === 'link' ? { actorName: input.reviewer.name } : {}),
    comment: input.comment,
  })
  const post = await deps.db.posts.getPostGroup(input.postId)
  await announce(deps, input.workspaceId, input.postId, 'post.review_commented', {
    approvalStatus: post?.approvalStatus ?? 'not_required',
    event,
  })
  return event
}
