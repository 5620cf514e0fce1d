import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors } from '../schemas/common.js'
import { getPostOr404 } from '../services/posts.js'

const ShortLinkView = z
  .object({
    code: z.string(),
    accountId: Id,
    platform: Platform,
    originalUrl: z.string(),
    destination: z.string(),
    clicks: z.number().int(),
    lastClickAt: Instant.nullable(),
  })
  .meta({ id: 'ShortLink' })

/** Our short links: the public redirect that counts a click, and each post's links and clicks. */
export const linkRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/l/:code',
    {
      schema: {
        tags: ['links'],
        summary: 'Redirect a short link to its URL (with UTM parameters), counting the click',
        params: z.object({
          code: z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, 'is not a short link code'),
        }),
        response: { 302: z.null(), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const destination = await db.links.recordClick(request.params.code)
      if (!destination)
        throw new ApiError('NOT_FOUND', { message: 'This short link does not exist.' })
      // Not cached: every click must reach us to be counted.
      return reply.header('cache-control', 'no-store').redirect(destination, 302)
    },
  )

  app.get(
    '/v1/posts/:id/links',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['links'],
        summary: "A post's short links and their clicks, per account and platform",
        params: z.object({ id: Id }),
        response: {
          200: z.object({ data: z.array(ShortLinkView) }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const post = await getPostOr404({ db }, principal.workspaceId, request.params.id)
      return {
        data: (await db.links.listShortLinks(post.id)).map((l) => ({
          code: l.code,
          accountId: l.accountId,
          platform: l.platform,
          originalUrl: l.originalUrl,
          destination: l.destination,
          clicks: l.clicks,
          lastClickAt: l.lastClickAt ? l.lastClickAt.toISOString() : null,
        })),
      }
    },
  )
}
