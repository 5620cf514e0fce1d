import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebhookEvent } from '@statex/core'
import { REENGAGEMENT_MESSAGE, whatsapp } from '../src/index.js'
import {
  SIMULATED_CUSTOMERS,
  STATUS_DELAYS,
  createWhatsAppSimulator,
  type WhatsAppSimulator,
} from '../src/testing.js'

const appSecret = 'webhook-app-secret'
const verifyToken = 'my-verify-token'
const provider = whatsapp({ appSecret, verifyToken })
const sign = (raw: string | Uint8Array, secret = appSecret) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`

const metadata = { display_phone_number: '15550783881', phone_number_id: '106540352242922' }
const envelope = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '419561257915477',
      changes: [
        { value: { messaging_product: 'whatsapp', metadata, ...value }, field: 'messages' },
      ],
    },
  ],
})

describe('webhooks.challenge', () => {
  it('echoes hub.challenge only for subscribe with our verify token', () => {
    const query = {
      'hub.mode': 'subscribe',
      'hub.verify_token': verifyToken,
      'hub.challenge': '1158201444',
    }
    expect(provider.webhooks.challenge({ query })).toBe('1158201444')
    expect(
      provider.webhooks.challenge({ query: { ...query, 'hub.verify_token': 'other' } }),
    ).toBeUndefined()
    expect(
      provider.webhooks.challenge({ query: { ...query, 'hub.mode': 'unsubscribe' } }),
    ).toBeUndefined()
    expect(whatsapp({}).webhooks.challenge({ query })).toBeUndefined()
  })
})

describe('webhooks.verify', () => {
  // Non-ASCII, escaped unicode and odd whitespace: the signature covers the bytes exactly as sent.
  const raw =
    '{"object":"whatsapp_business_account",\n  "entry":[{"id":"1","changes":[{"field":"messages","value":{"text":"Grüße 👋 \\u00e9t\\u00e9\\t "}}]}]}  '

  it('accepts the HMAC-SHA256 of the raw bytes as string or bytes', () => {
    expect(
      provider.webhooks.verify({ headers: { 'X-Hub-Signature-256': sign(raw) }, rawBody: raw }),
    ).toBe(true)
    const bytes = new TextEncoder().encode(raw)
    expect(
      provider.webhooks.verify({ headers: { 'x-hub-signature-256': sign(bytes) }, rawBody: bytes }),
    ).toBe(true)
    expect(
      provider.webhooks.verify({
        headers: { 'x-hub-signature-256': sign(raw).toUpperCase().replace('SHA256=', 'sha256=') },
        rawBody: raw,
      }),
    ).toBe(true)
  })

  it('rejects a re-serialised body, a wrong secret, a missing header and a missing app secret', () => {
    const reserialised = JSON.stringify(JSON.parse(raw))
    expect(
      provider.webhooks.verify({
        headers: { 'x-hub-signature-256': sign(raw) },
        rawBody: reserialised,
      }),
    ).toBe(false)
    expect(
      provider.webhooks.verify({
        headers: { 'x-hub-signature-256': sign(raw, 'other') },
        rawBody: raw,
      }),
    ).toBe(false)
    expect(
      provider.webhooks.verify({
        headers: { 'x-hub-signature-256': sign(raw).replace('sha256=', '') },
        rawBody: raw,
      }),
    ).toBe(false)
    expect(provider.webhooks.verify({ headers: {}, rawBody: raw })).toBe(false)
    expect(
      whatsapp({}).webhooks.verify({ headers: { 'x-hub-signature-256': sign(raw) }, rawBody: raw }),
    ).toBe(false)
  })
})

describe('webhooks.parse', () => {
  const status = (s: string, extra: Record<string, unknown> = {}) =>
    envelope({
      statuses: [
        {
          id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
          status: s,
          timestamp: '1750263773',
          recipient_id: '16505551234',
          ...extra,
        },
      ],
    })

  it.each(['sent', 'delivered', 'read'])('turns a %s status into a delivery_status event', (s) => {
    const [event] = provider.webhooks.parse({ body: status(s) })
    expect(event).toEqual({
      kind: 'delivery_status',
      accountExternalId: '106540352242922',
      externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
      recipient: '16505551234',
      status: s,
      at: new Date(1750263773 * 1000),
      raw: expect.objectContaining({ status: s }),
    })
  })

  it('carries the reason of a failed status, with template advice for 131047', () => {
    const reengagement = provider.webhooks.parse({
      body: status('failed', {
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            message: 'Re-engagement message',
            error_data: {
              details:
                'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
            },
          },
        ],
      }),
    })
    expect(reengagement[0]).toMatchObject({
      kind: 'delivery_status',
      status: 'failed',
      error: { code: 131047, message: REENGAGEMENT_MESSAGE },
    })
    const undeliverable = provider.webhooks.parse({
      body: status('failed', {
        errors: [
          {
            code: 131026,
            title: 'Message undeliverable',
            error_data: { details: 'Unable to deliver message.' },
          },
        ],
      }),
    })
    expect(undeliverable[0]).toMatchObject({
      status: 'failed',
      error: { code: 131026, message: expect.stringContaining('Unable to deliver message.') },
    })
  })

  it('turns the spec example "Text Message" into a MESSAGE with the contact name and conversation', () => {
    const [event] = provider.webhooks.parse({
      body: envelope({
        contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
        messages: [
          {
            from: '16505551234',
            id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
            timestamp: '1749416383',
            type: 'text',
            text: { body: 'Does it come in another color?' },
          },
        ],
      }),
    })
    expect(event).toEqual({
      kind: 'interaction',
      accountExternalId: '106540352242922',
      interaction: {
        platform: 'whatsapp',
        externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        type: 'MESSAGE',
        author: { externalId: '16505551234', name: 'Sheena Nelson', handle: '+16505551234' },
        text: 'Does it come in another color?',
        conversationId: '16505551234',
        createdAt: new Date(1749416383 * 1000),
        raw: expect.objectContaining({ type: 'text' }),
      },
    })
  })

  it('turns reactions into REACTION and other types into readable summaries', () => {
    const contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }]
    const base = { from: '16505551234', timestamp: '1749419544' }
    const events = provider.webhooks.parse({
      body: envelope({
        contacts,
        messages: [
          {
            ...base,
            id: 'r1',
            type: 'reaction',
            reaction: { message_id: 'wamid.sent', emoji: '👍' },
          },
          {
            ...base,
            id: 'i1',
            type: 'image',
            image: { caption: 'Taj Mahal', mime_type: 'image/jpeg', id: '1003383421387256' },
          },
          {
            ...base,
            id: 'l1',
            type: 'location',
            location: {
              name: 'Philz Coffee',
              address: '101 Forest Ave, Palo Alto, CA 94301',
              latitude: 37.4,
              longitude: -122.1,
            },
          },
          {
            ...base,
            id: 'u1',
            type: 'unsupported',
            errors: [{ code: 131051, title: 'Message type unknown' }],
          },
          { ...base, id: 's1', type: 'system', system: { body: 'changed number' } },
        ],
      }),
    })
    const interactions = events.flatMap((e: WebhookEvent) =>
      e.kind === 'interaction' ? [e.interaction] : [],
    )
    expect(interactions.map((i) => [i.type, i.text ?? i.reaction])).toEqual([
      ['REACTION', '👍'],
      ['MESSAGE', '[image] Taj Mahal'],
      ['MESSAGE', '[location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301]'],
      ['MESSAGE', '[unsupported message]'],
    ])
    expect(interactions[0]).toMatchObject({
      externalPostId: 'wamid.sent',
      author: { name: 'Sheena Nelson' },
    })
  })

  it('ignores bodies that are not WhatsApp webhooks and skips malformed items', () => {
    expect(provider.webhooks.parse({ body: { object: 'page', entry: [] } })).toEqual([])
    expect(provider.webhooks.parse({ body: 'nonsense' })).toEqual([])
    const mixed = envelope({
      statuses: [{ id: 'x' }, { id: 'ok', status: 'read', timestamp: '1', recipient_id: '1' }],
    })
    expect(
      provider.webhooks
        .parse({ body: mixed })
        .map((e) => (e.kind === 'delivery_status' ? e.externalId : '')),
    ).toEqual(['ok'])
  })
})

describe('the simulator pushes signed webhooks', () => {
  let sim: WhatsAppSimulator
  let server: ReturnType<typeof createServer>
  const received: { headers: IncomingMessage['headers']; raw: Buffer }[] = []
  let url = ''

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'GET') {
        const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams)
        const answer = provider.webhooks.challenge({ query })
        res.writeHead(answer === undefined ? 403 : 200).end(answer ?? '')
        return
      }
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks) })
        res.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`
    sim = await createWhatsAppSimulator({ appSecret, webhookUrl: url })
  })
  afterAll(async () => {
    await sim.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('passes the GET verification handshake against a handler using webhooks.challenge', async () => {
    expect(await sim.verifyWebhookEndpoint(url, verifyToken)).toBe(true)
    expect(await sim.verifyWebhookEndpoint(url, 'wrong')).toBe(false)
  })

  it('pushes statuses as the clock advances and inbound messages, each verifiable', async () => {
    const account = sim.createAccount({ name: 'Pushed' })
    const client = whatsapp({ baseUrl: sim.baseUrl, appSecret })
    const customer = SIMULATED_CUSTOMERS[1]!.waId
    const result = await client.publish({
      account,
      post: { text: 'Hej då 👋', options: { whatsapp: { recipients: [customer] } } },
      idempotencyKey: 'push',
    })
    if (result.status !== 'published') throw new Error('not published')
    sim.advance(STATUS_DELAYS.read)
    sim.simulateInteraction({
      account,
      externalPostId: result.externalId,
      text: 'Tack!',
      authorName: 'Ava Chen',
    })
    await sim.flushWebhooks()
    const events = received.flatMap(({ headers, raw }) => {
      expect(client.webhooks.verify({ headers, rawBody: raw })).toBe(true)
      return client.webhooks.parse({ body: JSON.parse(raw.toString('utf8')) })
    })
    const statuses = events.flatMap((e) =>
      e.kind === 'delivery_status' && e.externalId === result.externalId ? [e.status] : [],
    )
    expect(statuses).toEqual(['sent', 'delivered', 'read'])
    const reply = events.find((e) => e.kind === 'interaction')
    expect(reply).toMatchObject({
      accountExternalId: account.externalAccountId,
      interaction: {
        type: 'MESSAGE',
        text: 'Tack!',
        conversationId: customer,
        parentExternalId: result.externalId,
        author: { name: 'Ava Chen' },
      },
    })
    expect(sim.webhookLog.every((entry) => entry.result === 200)).toBe(true)
    const activity = sim.findPost(account, result.externalId)?.activity?.map((a) => a.kind)
    expect(activity).toEqual(['sent', 'delivered', 'read', 'reply'])
  })
})
