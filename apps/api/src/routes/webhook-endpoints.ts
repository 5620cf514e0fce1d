import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, authErrors } from '../schemas/common.js'
import { emitWebhookEvent } from '../services/webhook-delivery.js'

export const WEBHOOK_EVENTS = [
  'post.published',
  'post.failed',
  'post.partially_published',
  'post.submitted',
  'post.approved',
  'post.rejected',
  'post.review_commented',
  'post.reopened',
  'interaction.received',
  'account.needs_reconnect',
] as const

const tags = ['webhooks']
const Endpoint = z.object({
  id: Id,
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  createdAt: Instant,
})
const Delivery = z.object({
  id: Id,
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: Instant,
  deliveredAt: Instant.nullable(),
})

const toEndpoint = (e: {
  id: string
  url: string
  events: string[]
  active: boolean
  createdAt: Date
}) => ({
  id: e.id,
  url: e.url,
  events: e.events as (typeof WEBHOOK_EVENTS)[number][],
  active: e.active,
  createdAt: e.createdAt.toISOString(),
})

/** Outgoing webhook endpoints of the workspace and their deliveries. */
export const webhookEndpointRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'webhookQueue'>
> = async (app, { db, webhookQueue }) => {
  app.post(
    '/v1/webhooks/endpoints/:id/test',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Send a signed webhook.test event to this endpoint',
        params: z.object({ id: Id }),
        response: { 202: z.object({ deliveryIds: z.array(Id) }), ...authErrors, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const workspaceId = principalOf(request).workspaceId
      if (!(await db.webhooks.getEndpoint(workspaceId, request.params.id)))
        throw new ApiError('NOT_FOUND', { message: `No webhook endpoint ${request.params.id}.` })
      if (!webhookQueue)
        throw new ApiError('SERVICE_UNAVAILABLE', {
          message: 'Webhook deliveries are not running in this API process.',
        })
      const deliveryIds = await emitWebhookEvent(db, webhookQueue, {
        workspaceId,
        type: 'webhook.test',
        data: { message: 'This is a test delivery from Statex Social.' },
        endpointId: request.params.id,
      })
      void reply.code(202)
      return { deliveryIds }
    },
  )

  app.get(
    '/v1/webhooks',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Registered endpoints',
        response: { 200: z.object({ data: z.array(Endpoint) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await db.webhooks.listEndpoints(principalOf(request).workspaceId)).map(toEndpoint),
    }),
  )

  app.post(
    '/v1/webhooks',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Register an endpoint; the signing secret is shown once',
        body: z
          .object({
            url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
            events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
          })
          .strict(),
        response: {
          201: z.object({ endpoint: Endpoint, secret: z.string() }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const secret = `whsec_${randomBytes(24).toString('base64url')}`
      const endpoint = await db.webhooks.createEndpoint({
        workspaceId: principalOf(request).workspaceId,
        url: request.body.url,
        events: [...new Set(request.body.events)],
        secret,
      })
      void reply.code(201)
      return { endpoint: toEndpoint(endpoint), secret }
    },
  )

  app.delete(
    '/v1/webhooks/endpoints/:id',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Remove an endpoint',
        params: z.object({ id: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      if (!(await db.webhooks.deleteEndpoint(principalOf(request).workspaceId, request.params.id)))
        throw new ApiError('NOT_FOUND', { message: `No webhook endpoint ${request.params.id}.` })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/v1/webhooks/endpoints/:id/deliveries',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Recent deliveries with status and response code',
        params: z.object({ id: Id }),
        response: { 200: z.object({ data: z.array(Delivery) }), ...authErrors },
      },
    },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId
      if (!(await db.webhooks.getEndpoint(workspaceId, request.params.id)))
        throw new ApiError('NOT_FOUND', { message: `No webhook endpoint ${request.params.id}.` })
      const deliveries = await db.webhooks.listDeliveries(workspaceId, request.params.id)
      return {
        data: deliveries.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          status: d.status,
          attempts: d.attempts,
          responseStatus: d.responseStatus,
          lastError: d.lastError,
          createdAt: d.createdAt.toISOString(),
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
        })),
      }
    },
  )
}
