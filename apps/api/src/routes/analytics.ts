import { PLATFORMS } from '@statex/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Instant, Platform, authErrors } from '../schemas/common.js'

const Totals = z.object({
  posts: z.object({
    published: z.number(),
    failed: z.number(),
    scheduled: z.number(),
    total: z.number(),
  }),
  metrics: z.object({
    impressions: z.number(),
    likes: z.number(),
    comments: z.number(),
    shares: z.number(),
    clicks: z.number(),
    views: z.number(),
  }),
})

/** Basic totals: targets by outcome and the latest metrics of published ones, overall and per platform. */
export const analyticsRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/v1/analytics',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags: ['analytics'],
        summary: 'Totals and per-platform figures for a period',
        querystring: z
          .object({
            platform: Platform.optional(),
            startDate: Instant.optional(),
            endDate: Instant.optional(),
          })
          .strict(),
        response: {
          200: z.object({
            totals: Totals,
            platforms: z.array(Totals.extend({ platform: Platform })),
          }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const { platform, startDate, endDate } = request.query
      const filter = {
        workspaceId: principalOf(request).workspaceId,
        ...(platform ? { platform } : {}),
        ...(startDate ? { from: new Date(startDate) } : {}),
        ...(endDate ? { to: new Date(endDate) } : {}),
      }
      const [counts, metrics] = await Promise.all([
        db.posts.countTargets(filter),
        db.posts.sumLatestMetrics(filter),
      ])
      const empty = () => ({
        posts: { published: 0, failed: 0, scheduled: 0, total: 0 },
        metrics: { impressions: 0, likes: 0, comments: 0, shares: 0, clicks: 0, views: 0 },
      })
      const totals = empty()
      const per = new Map<string, ReturnType<typeof empty>>()
      const of = (p: string) => per.get(p) ?? per.set(p, empty()).get(p)!
      for (const c of counts) {
        for (const bucket of [totals, of(c.platform)]) {
          bucket.posts.total += c.count
          if (c.status === 'PUBLISHED') bucket.posts.published += c.count
          if (c.status === 'FAILED') bucket.posts.failed += c.count
          if (c.status === 'SCHEDULED') bucket.posts.scheduled += c.count
        }
      }
      for (const m of metrics) {
        for (const bucket of [totals, of(m.platform)]) {
          for (const key of [
            'impressions',
            'likes',
            'comments',
            'shares',
            'clicks',
            'views',
          ] as const)
            bucket.metrics[key] += m[key]
        }
      }
      return {
        totals,
        platforms: PLATFORMS.filter((p) => per.has(p)).map((p) => ({
          platform: p,
          ...per.get(p)!,
        })),
      }
    },
  )
}
