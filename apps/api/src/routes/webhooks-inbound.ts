import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../deps.js'
import { isPlatform, type WebhookEvent } from '@statex/core'
import { ApiError } from '../errors.js'

// Platforms send small JSON; anything larger is not theirs (413 before any work).
const WEBHOOK_BODY_LIMIT = 256 * 1024

/**
 * Inbound platform webhooks at `/v1/webhooks/:platform`. GET answers the subscription challenge;
 * POST checks the signature or secret on the raw bytes as received (a re-serialised body would not
 * verify), stores the delivery, queues `process-interactions` and answers 200 at once. A forged
 * delivery is 401 and leaves nothing behind.
 */
export const inboundWebhookRoutes: FastifyPluginAsync<
  Pick<AppDeps, 'db' | 'providers' | 'queues'>
> = async (app, { db, providers, queues }) => {
  // Encapsulated: only these routes get the raw body.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  )

  const providerFor = (platform: string) => {
    const provider = isPlatform(platform) ? providers.providers[platform] : undefined
    if (!provider?.webhooks)
      throw new ApiError('NOT_FOUND', {
        message: `No webhook receiver for "${platform}" on this server.`,
      })
    return { platform: provider.platform, webhooks: provider.webhooks }
  }

  app.get<{ Params: { platform: string }; Querystring: Record<string, string | undefined> }>(
    '/v1/webhooks/:platform',
    { schema: { hide: true } },
    async (request, reply) => {
      const { webhooks } = providerFor(request.params.platform)
      const answer = webhooks.challenge?.({ query: request.query })
      if (answer === undefined)
        throw new ApiError('FORBIDDEN', { message: 'The verification token does not match.' })
      return reply.type('text/plain').send(answer)
    },
  )

  app.post<{ Params: { platform: string }; Body: string }>(
    '/v1/webhooks/:platform',
    { schema: { hide: true }, config: { rateLimit: false } },
    async (request) => {
      const { platform, webhooks } = providerFor(request.params.platform)
      const rawBody = typeof request.body === 'string' ? request.body : ''
      const query = request.query as Record<string, string | undefined>
      if (!webhooks.verify({ headers: request.headers, rawBody, query }))
        throw new ApiError('WEBHOOK_SIGNATURE_INVALID')
      let body: unknown
      try {
        body = JSON.parse(rawBody)
      } catch {
        throw new ApiError('MALFORMED_REQUEST', { message: 'The webhook body is not JSON.' })
      }
      let events: WebhookEvent[] = []
      try {
        events = webhooks.parse({ body })
      } catch (error) {
        // Signed by the platform but not understood: kept for the worker (and a person) anyway.
        request.log.warn({ err: error, platform }, 'webhook body not understood; stored as is')
      }
      const externalId = events.find((e) => e.accountExternalId)?.accountExternalId
      const accounts = externalId ? await db.accounts.findByExternalId(platform, externalId) : []
      const stored = await db.webhooks.storeInboundEvent({
        platform,
        body,
        ...(accounts[0] ? { accountId: accounts[0].id } : {}),
      })
      try {
        await queues['process-interactions'].add(
          'process-interactions',
          {
            source: 'webhook',
            webhookEventId: stored.id,
            ...(accounts[0] ? { accountId: accounts[0].id } : {}),
          },
          { jobId: `webhook-${stored.id}` },
        )
      } catch (error) {
        // Stored: the worker's sweep of unprocessed deliveries gets to it.
        request.log.error({ err: error }, 'could not queue a webhook delivery; it is stored')
      }
      return { received: true, events: events.length }
    },
  )
}
