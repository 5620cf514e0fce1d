import { createHmac } from 'node:crypto'
import { SANDBOX_SECRETS } from '@statex/providers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('webhooks')
})
afterAll(async () => {
  await env.close()
})

/** An inbound text message as the Cloud API sends it (webhooks reference, `messages` field). */
const whatsappMessage = (phoneNumberId: string) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000001', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Ada' }, wa_id: '420600000001' }],
              messages: [
                {
                  from: '420600000001',
                  id: 'wamid.TEST1',
                  timestamp: '1764590000',
                  type: 'text',
                  text: { body: 'Hi there' },
                },
              ],
            },
          },
        ],
      },
    ],
  })

const sign = (body: string, secret: string = SANDBOX_SECRETS.whatsappAppSecret) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

async function storedEvents() {
  return (await env.db.webhooks.listUnprocessedInboundEvents(1000)).map((e) => ({
    id: e.id,
    platform: e.platform,
    account_id: e.accountId,
  }))
}

describe('POST /v1/webhooks/whatsapp', () => {
  it('verifies the signature on the raw body, stores the delivery, queues process-interactions, answers 200', async () => {
    // Spacing kept exactly as sent: re-serialising would break the signature.
    const body = whatsappMessage('1000001').replace('"object":', '"object" : ')
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
      payload: body,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ received: true, events: 1 })
    const events = await storedEvents()
    expect(events).toHaveLength(1)
    expect(events[0]!.account_id).toBe(env.a.accounts.whatsapp)
    const job = await env.queues['process-interactions'].getJob(`webhook-${events[0]!.id}`)
    expect(job?.data).toEqual({
      source: 'webhook',
      webhookEventId: events[0]!.id,
      accountId: env.a.accounts.whatsapp,
    })
  })

  it.each([
    ['a wrong signature', { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }],
    ['no signature', {}],
    [
      "another app's secret",
      { 'x-hub-signature-256': sign(whatsappMessage('1000001'), 'some-other-app-secret') },
    ],
  ])('answers 401 and stores nothing for %s', async (_label, headers) => {
    const before = (await storedEvents()).length
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', ...headers },
      payload: whatsappMessage('1000001'),
    })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID')
    expect((await storedEvents()).length).toBe(before)
  })

  it('refuses an oversized body before reading it', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(300 * 1024) })
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
      payload: body,
    })
    expect(response.statusCode).toBe(413)
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('answers the subscription challenge only with the verify token', async () => {
    const ok = await env.app.inject({
      method: 'GET',
      url: `/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${SANDBOX_SECRETS.whatsappVerifyToken}&hub.challenge=1158201444`,
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toBe('1158201444')
    const bad = await env.app.inject({
      method: 'GET',
      url: '/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
    })
    expect(bad.statusCode).toBe(403)
  })
})

describe('POST /v1/webhooks/telegram', () => {
  const update = JSON.stringify({
    update_id: 10,
    channel_post: {
      message_id: 5,
      date: 1764590000,
      chat: { id: -100200, type: 'channel', title: 'News' },
      text: 'hello',
    },
  })

  it('accepts a delivery carrying the secret token, and refuses one without or with another', async () => {
    const ok = await env.app.inject({
      method: 'POST',
      url: '/v1/webhooks/telegram',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': SANDBOX_SECRETS.telegramWebhookSecret,
      },
      payload: update,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    for (const headers of [{}, { 'x-telegram-bot-api-secret-token': 'nope' }]) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/v1/webhooks/telegram',
        headers: { 'content-type': 'application/json', ...headers },
        payload: update,
      })
      expect(response.statusCode).toBe(401)
    }
  })

  it('answers 404 for a platform without a receiver', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/webhooks/myspace',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.statusCode).toBe(404)
  })
})
