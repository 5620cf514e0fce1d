import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { engagementRate, METRIC_FIELDS } from '@statex/core'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import {
  AnalyticsAnswer,
  AnalyticsQuery,
  ENGAGEMENT_RATE_DOC,
  PostMetricsAnswer,
  PostMetricsQuery,
} from '../schemas/analytics.js'
import { ErrorBody, Id, authErrors } from '../schemas/common.js'
import { analyticsCsv, analyticsRange, buildAnalytics } from '../services/analytics.js'

const tags = ['analytics']
// The one list of counters, in core's order.
const FIELDS = METRIC_FIELDS

/** Engagement, best times and publishing health; a post's series; the CSV export. */
export const analyticsRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/v1/analytics',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary:
          'Totals, per-platform figures, a daily series, top posts, best times, publishing health',
        description: `Read from rollups kept up to date as metrics arrive, never from raw snapshots. ${ENGAGEMENT_RATE_DOC}`,
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsAnswer, ...authErrors, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      const now = new Date()
      const { platform } = request.query
      return buildAnalytics(
        db,
        {
          workspaceId: principalOf(request).workspaceId,
          ...(platform ? { platform } : {}),
          ...analyticsRange(request.query, now),
        },
        now,
      )
    },
  )

  app.get(
    '/v1/analytics/export',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The daily series per platform as CSV',
        description: `Columns: date (day in the workspace zone), platform, the counters gained that day, engagements, audience, engagement_rate, posts_first_measured, link_clicks (our short links). ${ENGAGEMENT_RATE_DOC}`,
        querystring: AnalyticsQuery,
        produces: ['text/csv'],
        response: { 200: z.string(), ...authErrors, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { platform } = request.query
      const csv = await analyticsCsv(db, {
        workspaceId: principalOf(request).workspaceId,
        ...(platform ? { platform } : {}),
        ...analyticsRange(request.query, new Date()),
      })
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="statex-analytics.csv"')
        .serializer((body: unknown) => String(body))
        .send(csv)
    },
  )

  app.get(
    '/v1/posts/:id/metrics',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: "A post's metric series per target, with the latest figures and the sync state",
        params: z.object({ id: Id }),
        querystring: PostMetricsQuery,
        response: { 200: PostMetricsAnswer, ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId
      const targets = await db.analytics.targetsOfPost(workspaceId, request.params.id)
      if (targets.length === 0)
        throw new ApiError('NOT_FOUND', {
          message: `No post ${request.params.id} in this workspace.`,
        })
      // No end by default: a series is short (at most ~130 points in the 30-day sync window).
      const to = request.query.endDate
        ? new Date(request.query.endDate)
        : new Date(8_640_000_000_000_000)
      const from = request.query.startDate ? new Date(request.query.startDate) : new Date(0)
      return {
        postId: request.params.id,
        targets: await Promise.all(
          targets.map(async (t) => {
            const series = await db.metrics.listMetricSeries(t.targetId, { from, to })
            const latest = t.latest
              ? {
                  ...Object.fromEntries(FIELDS.map((f) => [f, t.latest![f] ?? 0])),
                  engagements: t.latest.engagements,
                  audience: t.latest.audience,
                  collectedAt: t.latest.collectedAt,
                }
              : null
            return {
              targetId: t.targetId,
              accountId: t.accountId,
              platform: t.platform,
              publishedAt: t.publishedAt?.toISOString() ?? null,
              latest: latest as z.infer<typeof PostMetricsAnswer>['targets'][number]['latest'],
              engagementRate: t.latest ? engagementRate(t.latest) : null,
              sync: {
                nextAt: t.nextSyncAt?.toISOString() ?? null,
                stopped: (t.stoppedReason as 'aged' | 'deleted' | 'no_post_metrics' | null) ?? null,
              },
              series: series.map((s) => ({
                collectedAt: s.collectedAt.toISOString(),
                ...Object.fromEntries(FIELDS.map((f) => [f, s[f]])),
              })) as z.infer<typeof PostMetricsAnswer>['targets'][number]['series'],
            }
          }),
        ),
      }
    },
  )
}
