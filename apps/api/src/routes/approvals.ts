import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { principalOf } from '../plugins/auth.js'
import {
  ApprovalPolicyBody,
  HistoryAnswer,
  OptionalCommentBody,
  RequiredCommentBody,
  ReviewEventBody,
  ReviewStepAnswer,
} from '../schemas/approvals.js'
import { ErrorBody, Id, authErrors } from '../schemas/common.js'
import { toPostBody } from '../services/post-view.js'
import { getPostOr404, postServiceDeps } from '../services/posts.js'
import {
  assertApprover,
  commentOnPost,
  decidePost,
  eventBody,
  submitPost,
} from '../services/reviews.js'

const IdParams = z.object({ id: Id })
const tags = ['approvals']
const stepErrors = { ...authErrors, 400: ErrorBody, 409: ErrorBody, 422: ErrorBody }

/** The workspace's approval policy and the review steps of a post, by members and API keys. */
export const approvalRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'providers' | 'queues' | 'webhookQueue' | 'notificationQueue'>
> = async (app, options) => {
  const deps = postServiceDeps(app.log, options)
  const { db } = options

  app.get(
    '/v1/workspace/approvals',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Whether posts need an approval, and who approves',
        response: { 200: ApprovalPolicyBody, ...authErrors },
      },
    },
    async (request) => {
      return db.approvals.getPolicy(principalOf(request).workspaceId)
    },
  )

  app.put(
    '/v1/workspace/approvals',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Require approvals and name the approvers (a role, and people by user id)',
        body: ApprovalPolicyBody,
        response: { 200: ApprovalPolicyBody, ...authErrors, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      return db.approvals.setPolicy(principalOf(request).workspaceId, request.body)
    },
  )

  const step = async (
    request: { params: { id: string } },
    principal: ReturnType<typeof principalOf>,
    result: { event: Parameters<typeof eventBody>[0]; jobIds?: string[] },
  ) => ({
    post: toPostBody(await getPostOr404(deps, principal.workspaceId, request.params.id)),
    event: eventBody(result.event),
    jobIds: result.jobIds ?? [],
  })

  app.post(
    '/v1/posts/:id/submit',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Submit a post for review: its targets wait, IN_REVIEW, for an approver',
        params: IdParams,
        body: OptionalCommentBody,
        response: { 200: ReviewStepAnswer, ...stepErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      const result = await submitPost(deps, principal, post, request.body.comment)
      return step(request, principal, result)
    },
  )

  for (const decision of ['approved', 'rejected'] as const) {
    const path = decision === 'approved' ? 'approve' : 'reject'
    app.post(
      `/v1/posts/:id/${path}`,
      {
        preHandler: app.authorize('viewer'),
        schema: {
          tags,
          summary:
            decision === 'approved'
              ? 'Approve a post in review: it schedules at its time (now, if that has passed)'
              : 'Reject a post in review with a comment: it goes back to draft',
          params: IdParams,
          body: decision === 'approved' ? OptionalCommentBody : RequiredCommentBody,
          response: { 200: ReviewStepAnswer, ...stepErrors },
        },
      },
      async (request) => {
        const principal = principalOf(request)
        await assertApprover(deps, principal)
        await getPostOr404(deps, principal.workspaceId, request.params.id)
        const { step: result, jobIds } = await decidePost(deps, {
          workspaceId: principal.workspaceId,
          postId: request.params.id,
          reviewer: { kind: 'member', principal },
          decision,
          comment: request.body.comment,
        })
        return step(request, principal, { event: result.event, jobIds })
      },
    )
  }

  app.post(
    '/v1/posts/:id/comments',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: "Comment on a post's review",
        params: IdParams,
        body: RequiredCommentBody,
        response: { 201: z.object({ event: ReviewEventBody }), ...stepErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const event = await commentOnPost(deps, {
        workspaceId: principal.workspaceId,
        postId: request.params.id,
        reviewer: { kind: 'member', principal },
        comment: request.body.comment,
      })
      void reply.code(201)
      return { event: eventBody(event) }
    },
  )

  app.get(
    '/v1/posts/:id/history',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: "A post's review steps and every status change of its targets",
        params: IdParams,
        response: { 200: HistoryAnswer, ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      const changes = (
        await Promise.all(post.targets.map((t) => db.posts.listStatusChanges(t.id)))
      ).flat()
      changes.sort((a, b) => a.at.getTime() - b.at.getTime())
      return {
        approvalStatus: post.approvalStatus,
        review: (await db.approvals.listReviewEvents(post.id)).map(eventBody),
        statusChanges: changes.map((c) => ({
          targetId: c.postId,
          from: c.from,
          to: c.to,
          reason: c.reason,
          actor: c.actor,
          at: c.at.toISOString(),
        })),
      }
    },
  )
}
