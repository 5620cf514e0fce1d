import type { ReviewLink } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import {
  CreatedReviewLink,
  ExternalReview,
  LinkDecisionBody,
  LinkQuery,
  LinkRejectBody,
  ReviewEventBody,
  ReviewLinkBody,
  ReviewLinkView,
} from '../schemas/approvals.js'
import { ErrorBody, Id, authErrors } from '../schemas/common.js'
import { getPostOr404, postServiceDeps } from '../services/posts.js'
import { commentOnPost, decidePost, eventBody } from '../services/reviews.js'

const tags = ['approvals']
const linkErrors = {
  400: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
}

const linkBody = (l: ReviewLink) => ({
  id: l.id,
  expiresAt: l.expiresAt.toISOString(),
  revokedAt: l.revokedAt ? l.revokedAt.toISOString() : null,
  createdAt: l.createdAt.toISOString(),
})

/**
 * Review links: a member makes one for a post; whoever holds it (a client without an account)
 * reads the post and approves, rejects or comments until it expires. The token travels in the
 * query (`token=`, redacted from logs) or the body, never in the path.
 */
export const reviewLinkRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'providers' | 'queues' | 'webhookQueue' | 'notificationQueue'> & {
    publicUrl: string
  }
> = async (app, options) => {
  const deps = postServiceDeps(app.log, options)
  const { db, publicUrl } = options

  app.post(
    '/v1/posts/:id/review-links',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'A link for a reviewer without an account; it expires (default 72 hours)',
        params: z.object({ id: Id }),
        body: ReviewLinkBody,
        response: { 201: CreatedReviewLink, ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      const { link, token } = await db.approvals.createReviewLink({
        workspaceId: principal.workspaceId,
        groupId: post.id,
        createdBy: principal.actor,
        expiresAt: new Date(Date.now() + request.body.expiresInHours * 3_600_000),
      })
      void reply.code(201)
      return { ...linkBody(link), token, url: `${publicUrl}/v1/review?token=${token}` }
    },
  )

  app.get(
    '/v1/posts/:id/review-links',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: "A post's review links (without their tokens)",
        params: z.object({ id: Id }),
        response: {
          200: z.object({ data: z.array(ReviewLinkView) }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      return { data: (await db.approvals.listReviewLinks(post.id)).map(linkBody) }
    },
  )

  app.delete(
    '/v1/posts/:id/review-links/:linkId',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Revoke a review link now',
        params: z.object({ id: Id, linkId: Id }),
        response: { 204: z.null(), ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      if (!(await db.approvals.revokeReviewLink(post.id, request.params.linkId)))
        throw new ApiError('NOT_FOUND', {
          message: `No active review link ${request.params.linkId}.`,
        })
      return reply.code(204).send(null)
    },
  )

  async function resolve(token: string) {
    const link = await db.approvals.resolveReviewLink(token)
    if (!link) throw new ApiError('REVIEW_LINK_INVALID')
    return link
  }

  app.get(
    '/v1/review',
    {
      schema: {
        tags,
        summary: 'The post a review link shows (no account needed)',
        querystring: LinkQuery,
        response: { 200: ExternalReview, ...linkErrors },
      },
    },
    async (request) => {
      const link = await resolve(request.query.token)
      const post = await getPostOr404(deps, link.workspaceId, link.groupId)
      return {
        postId: post.id,
        approvalStatus: post.approvalStatus,
        content: post.content as unknown as Record<string, unknown>,
        scheduledAt: post.scheduledAt ? post.scheduledAt.toISOString() : null,
        timeZone: post.timeZone,
        targets: post.targets.map((t) => ({
          platform: t.platform,
          content: t.content as unknown as Record<string, unknown>,
          status: t.status,
        })),
        review: (await db.approvals.listReviewEvents(post.id)).map(eventBody),
        linkExpiresAt: link.expiresAt.toISOString(),
      }
    },
  )

  const Answer = z.object({ approvalStatus: z.string(), event: ReviewEventBody })
  for (const decision of ['approved', 'rejected'] as const) {
    app.post(
      `/v1/review/${decision === 'approved' ? 'approve' : 'reject'}`,
      {
        schema: {
          tags,
          summary:
            decision === 'approved'
              ? 'Approve the post of a review link'
              : 'Reject the post of a review link, with a comment',
          body: decision === 'approved' ? LinkDecisionBody : LinkRejectBody,
          response: { 200: Answer, ...linkErrors },
        },
      },
      async (request) => {
        const link = await resolve(request.body.token)
        const { step } = await decidePost(deps, {
          workspaceId: link.workspaceId,
          postId: link.groupId,
          reviewer: { kind: 'link', linkId: link.id, name: request.body.name },
          decision,
          comment: request.body.comment,
        })
        return { approvalStatus: step.approvalStatus, event: eventBody(step.event) }
      },
    )
  }

  app.post(
    '/v1/review/comments',
    {
      schema: {
        tags,
        summary: 'Comment on the post of a review link',
        body: LinkRejectBody,
        response: { 201: z.object({ event: ReviewEventBody }), ...linkErrors },
      },
    },
    async (request, reply) => {
      const link = await resolve(request.body.token)
      const event = await commentOnPost(deps, {
        workspaceId: link.workspaceId,
        postId: link.groupId,
        reviewer: { kind: 'link', linkId: link.id, name: request.body.name },
        comment: request.body.comment,
      })
      void reply.code(201)
      return { event: eventBody(event) }
    },
  )
}
