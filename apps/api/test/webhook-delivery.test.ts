import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { verifyWebhook } from '@statex/jobs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { startWebhookDeliveries } from '../src/services/webhook-delivery.js'
import { bearer, sandboxProviders, setup } from './fixtures.js'
import { REDIS_URL } from './support.js'
import { Redis } from 'ioredis'

let env: Awaited<ReturnType<typeof setup>>
let receiver: Server
let origin: string
const received: { headers: IncomingHttpHeaders; body: string }[] = []
let failFirst = 1

beforeAll(async () => {
  env = await setup('deliveries')
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      if (failFirst > 0) {
        failFirst -= 1
        response.writeHead(500).end('try later')
      } else response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
  await env.close()
})

describe('outgoing webhooks', () => {
  it('registers an endpoint (secret shown once), delivers signed events and retries a failed delivery on the queue', async () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
    const deliveries = startWebhookDeliveries({
      connection,
      prefix: env.prefix,
      db: env.db,
      allowPrivate: true,
      backoffDelayMs: 1,
    })
    const app = await buildApp({
      config: { logLevel: 'silent', queuePrefix: env.prefix, rateLimitPerMinute: 10_000 },
      db: env.db,
      redis: env.redis,
      providers: sandboxProviders(),
      queues: env.queues,
      webhookQueue: deliveries.queue,
    })
    try {
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/v1/webhooks',
            headers: bearer(env.a.keys.editor),
            payload: { url: `${origin}/hook`, events: ['post.published'] },
          })
        ).statusCode,
      ).toBe(403)
      const invalid = await app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: bearer(env.a.keys.owner),
        payload: { url: 'ftp://x', events: ['post.exploded'] },
      })
      expect(invalid.statusCode).toBe(400)
      const created = await app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: bearer(env.a.keys.owner),
        payload: { url: `${origin}/hook`, events: ['post.published', 'post.failed'] },
      })
      expect(created.statusCode).toBe(201)
      const { endpoint, secret } = created.json()
      expect(secret).toMatch(/^whsec_/)
      const listed = await app.inject({
        method: 'GET',
        url: '/v1/webhooks',
        headers: bearer(env.a.keys.owner),
      })
      expect(listed.body).not.toContain(secret)

      expect(
        (
          await app.inject({
            method: 'POST',
            url: `/v1/webhooks/endpoints/${endpoint.id}/test`,
            headers: bearer(env.b.keys.owner),
          })
        ).statusCode,
      ).toBe(404)
      const completed = once(deliveries.worker, 'completed')
      const test = await app.inject({
        method: 'POST',
        url: `/v1/webhooks/endpoints/${endpoint.id}/test`,
        headers: bearer(env.a.keys.owner),
      })
      expect(test.statusCode, test.body).toBe(202)
      await completed

      expect(received).toHaveLength(2)
      const [first, second] = received
      expect(second!.body).toBe(first!.body)
      expect(second!.headers['statex-webhook-id']).toBe(first!.headers['statex-webhook-id'])
      expect(JSON.parse(second!.body)).toMatchObject({
        type: 'webhook.test',
        id: expect.stringMatching(/^evt_/),
      })
      expect(
        verifyWebhook({
          secret,
          body: second!.body,
          timestamp: second!.headers['statex-webhook-timestamp'] as string,
          signature: second!.headers['statex-webhook-signature'] as string,
        }),
      ).toBe(true)
      expect(
        verifyWebhook({
          secret: 'whsec_other',
          body: second!.body,
          timestamp: second!.headers['statex-webhook-timestamp'] as string,
          signature: second!.headers['statex-webhook-signature'] as string,
        }),
      ).toBe(false)

      const log = await app.inject({
        method: 'GET',
        url: `/v1/webhooks/endpoints/${endpoint.id}/deliveries`,
        headers: bearer(env.a.keys.owner),
      })
      expect(log.json().data).toEqual([
        expect.objectContaining({
          eventType: 'webhook.test',
          status: 'delivered',
          attempts: 2,
          responseStatus: 204,
          lastError: null,
        }),
      ])
    } finally {
      await app.close()
      await deliveries.close()
      connection.disconnect()
    }
  })

  it('refuses to deliver to a private address unless allowed', async () => {
    const endpoint = await env.db.webhooks.createEndpoint({
      workspaceId: env.a.workspaceId,
      url: `${origin}/private`,
      events: ['post.failed'],
      secret: 's',
    })
    const [delivery] = await env.db.webhooks.enqueueEvent({
      workspaceId: env.a.workspaceId,
      eventId: 'evt_private',
      eventType: 'post.failed',
      payload: {},
      endpointId: endpoint.id,
    })
    const { deliverWebhook } = await import('../src/services/webhook-delivery.js')
    await expect(deliverWebhook(env.db, delivery!.id, { final: true })).rejects.toThrow(/private/)
    expect(await env.db.webhooks.getDelivery(delivery!.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('private'),
    })
  })

  it('sends a delivery whose job Redis lost: the sweep puts it back once it is two minutes old', async () => {
    const endpoint = await env.db.webhooks.createEndpoint({
      workspaceId: env.a.workspaceId,
      url: `${origin}/stranded`,
      events: ['post.published'],
      secret: 'whsec_stranded',
    })
    // Recorded in PostgreSQL, never queued: a crash between the two, or a Redis flush.
    const [delivery] = await env.db.webhooks.enqueueEvent({
      workspaceId: env.a.workspaceId,
      eventId: 'evt_stranded',
      eventType: 'post.published',
      payload: { id: 'evt_stranded', type: 'post.published', data: {} },
      endpointId: endpoint.id,
    })
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
    const deliveries = startWebhookDeliveries({
      connection,
      prefix: env.prefix,
      db: env.db,
      allowPrivate: true,
      sweepEveryMs: 0,
    })
    try {
      failFirst = 0
      // Too fresh to call stranded: its job may still be on its way.
      await deliveries.sweep(Date.now())
      expect(await deliveries.queue.getJob(`delivery-${delivery!.id}`)).toBeUndefined()
      expect(await deliveries.sweep(Date.now() + 3 * 60_000)).toBeGreaterThanOrEqual(1)
      for (let i = 0; i < 200; i++) {
        if ((await env.db.webhooks.getDelivery(delivery!.id))?.status === 'delivered') break
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      expect(await env.db.webhooks.getDelivery(delivery!.id)).toMatchObject({
        status: 'delivered',
        attempts: 1,
      })
      const hits = received.filter((r) => r.headers['statex-webhook-id'] === 'evt_stranded')
      expect(hits).toHaveLength(1)
      // Swept again: the job id is the delivery's, and a delivered one is not sent twice.
      await deliveries.sweep(Date.now() + 3 * 60_000)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(
        received.filter((r) => r.headers['statex-webhook-id'] === 'evt_stranded'),
      ).toHaveLength(1)
    } finally {
      await deliveries.close()
      connection.disconnect()
    }
  })
})
