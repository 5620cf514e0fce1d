import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountAuth, Interaction } from '@statex/core'
import { mediaIdUrl, whatsapp } from '../src/index.js'
import {
  SIMULATED_CUSTOMERS,
  createWhatsAppSimulator,
  type WhatsAppSimulator,
} from '../src/testing.js'

const [sheena, ava] = SIMULATED_CUSTOMERS.map((c) => c.waId) as [string, string]
let sim: WhatsAppSimulator
let account: AccountAuth
let provider: ReturnType<typeof whatsapp>
let key = 0

beforeAll(async () => {
  sim = await createWhatsAppSimulator()
  provider = whatsapp({ baseUrl: sim.baseUrl })
  account = sim.createAccount({ name: 'Wire' })
})
afterAll(() => sim.close())

function lastRequest() {
  const request = sim.requests.at(-1)!
  return { ...request, json: JSON.parse(request.rawBody.toString('utf8')) as unknown }
}

async function publishOne(post: Parameters<typeof provider.publish>[0]['post']) {
  return provider.publish({ account, post, idempotencyKey: `wire-${++key}` })
}

describe('requests on the wire', () => {
  it('sends a text message exactly as the spec example "Send Text Message"', async () => {
    const result = await publishOne({
      text: 'text-message-content',
      options: { whatsapp: { recipients: [sheena] } },
    })
    const request = lastRequest()
    expect(request.method).toBe('POST')
    expect(request.path).toBe(`/v23.0/${account.externalAccountId}/messages`)
    expect(request.headers.authorization).toBe(`Bearer ${account.accessToken}`)
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: sheena,
      type: 'text',
      text: { preview_url: false, body: 'text-message-content' },
    })
    expect(result).toMatchObject({
      status: 'published',
      deliveries: [{ recipient: sheena, status: 'accepted' }],
    })
  })

  it('appends the link and asks for a preview unless told otherwise', async () => {
    await publishOne({
      text: 'Please visit',
      link: 'https://youtu.be/hpltvTEiRrY',
      options: { whatsapp: { recipients: [sheena] } },
    })
    expect(lastRequest().json).toMatchObject({
      type: 'text',
      text: { preview_url: true, body: 'Please visit\n\nhttps://youtu.be/hpltvTEiRrY' },
    })
    await publishOne({
      text: 'Quiet',
      link: 'https://example.com/a',
      options: { whatsapp: { recipients: [sheena], previewUrl: false } },
    })
    expect(lastRequest().json).toMatchObject({ text: { preview_url: false } })
  })

  it('sends an image by link with the text as caption ("Send Image Message by URL")', async () => {
    await publishOne({
      text: 'New menu',
      media: [{ type: 'image', url: 'https://cdn.example.com/menu.jpg', mimeType: 'image/jpeg' }],
      options: { whatsapp: { recipients: [`+${ava}`] } },
    })
    expect(lastRequest().json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${ava}`,
      type: 'image',
      image: { link: 'https://cdn.example.com/menu.jpg', caption: 'New menu' },
    })
  })

  it('sends a document with its filename ("Send Document Message")', async () => {
    await publishOne({
      text: 'The price list',
      media: [{ type: 'document', url: 'https://cdn.example.com/files/prices-2026.pdf' }],
      options: { whatsapp: { recipients: [sheena] } },
    })
    expect(lastRequest().json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: sheena,
      type: 'document',
      document: {
        link: 'https://cdn.example.com/files/prices-2026.pdf',
        caption: 'The price list',
        filename: 'prices-2026.pdf',
      },
    })
  })

  it('uploads media once as multipart and sends it by id', async () => {
    const { id } = await provider.uploadMedia({
      account,
      data: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
      mimeType: 'image/jpeg',
      fileName: 'a.jpg',
    })
    const upload = sim.requests.at(-1)!
    expect(upload.path).toBe(`/v23.0/${account.externalAccountId}/media`)
    expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/)
    expect(upload.body).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'image/jpeg',
      file: { name: 'a.jpg', size: 3 },
    })
    const post = {
      text: '',
      media: [{ type: 'image' as const, url: mediaIdUrl(id) }],
      options: { whatsapp: { recipients: [sheena] } },
    }
    expect(provider.validate(post)).toEqual([])
    await publishOne(post)
    expect(lastRequest().json).toMatchObject({ type: 'image', image: { id } })
  })

  it('sends a template exactly as "Send Message Template Text"', async () => {
    const components = [
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'text-string' },
          {
            type: 'currency',
            currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 },
          },
        ],
      },
    ]
    const result = await publishOne({
      text: '',
      options: {
        whatsapp: {
          recipients: [sheena],
          template: { name: 'statex_update', language: 'en_US', components },
        },
      },
    })
    expect(lastRequest().json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: sheena,
      type: 'template',
      template: { name: 'statex_update', language: { code: 'en_US' }, components },
    })
    expect(result.status).toBe('published')
  })

  it('replies with context.message_id quoting the inbound message ("Send Reply to Text Message")', async () => {
    const delivery = sim.webhookDelivery!({ account, text: 'Is it open on Sunday?' })
    const [event] = provider.webhooks.parse({ body: JSON.parse(String(delivery.rawBody)) })
    const question = (event as { interaction: Interaction }).interaction
    const { externalId } = await provider.reply({ account, to: question, text: 'Yes, 10 to 4.' })
    expect(lastRequest().json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: sheena,
      type: 'text',
      context: { message_id: question.externalId },
      text: { preview_url: false, body: 'Yes, 10 to 4.' },
    })
    expect(sim.findPost(account, externalId)?.text).toBe('Yes, 10 to 4.')
  })

  it('uses the configured API version and keeps the token out of errors', async () => {
    const v22 = whatsapp({ baseUrl: sim.baseUrl, apiVersion: 'v22.0' })
    await v22.publish({
      account,
      post: { text: 'hi', options: { whatsapp: { recipients: [sheena] } } },
      idempotencyKey: 'v22',
    })
    expect(lastRequest().path).toBe(`/v22.0/${account.externalAccountId}/messages`)
    const wrong = { ...account, externalAccountId: '999999999999999' }
    const error = await v22
      .publish({
        account: wrong,
        post: { text: 'hi', options: { whatsapp: { recipients: [sheena] } } },
        idempotencyKey: 'x',
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'not_found', platformCode: 100, platformSubcode: 33 })
    expect(JSON.stringify(error)).not.toContain(account.accessToken)
  })
})

describe('the simulator validates as the Cloud API does', () => {
  const send = (body: unknown, token = account.accessToken) =>
    fetch(`${sim.baseUrl}/v23.0/${account.externalAccountId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as {
        error?: { code: number; message: string; error_data?: { details: string } }
      },
    }))
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: sheena }

  it.each([
    [
      { ...base, messaging_product: 'sms', type: 'text', text: { body: 'x' } },
      100,
      'messaging_product',
    ],
    [{ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, 100, 'to'],
    [{ ...base, type: 'text', image: { link: 'https://a.b/c.jpg' } }, 100, 'image'],
    [{ ...base, type: 'text', text: { body: '' } }, 100, "text['body']"],
    [{ ...base, type: 'text', text: { body: 'x'.repeat(4097) } }, 100, '4096'],
    [
      { ...base, type: 'image', image: { link: 'https://a.b/c.jpg', caption: 'c'.repeat(1025) } },
      100,
      '1024',
    ],
    [{ ...base, type: 'image', image: {} }, 100, "image['id'] or image['link']"],
    [{ ...base, type: 'image', image: { id: '1', link: 'https://a.b/c.jpg' } }, 100, 'Only one'],
    [
      { ...base, type: 'template', template: { language: { code: 'en_US' } } },
      100,
      "template['name']",
    ],
    [{ ...base, type: 'template', template: { name: 'hello_world' } }, 100, "template['language']"],
    [
      { ...base, type: 'template', template: { name: 'nope', language: { code: 'en_US' } } },
      132001,
      'does not exist',
    ],
  ])('refuses %j with code %i', async (body, code, fragment) => {
    const answer = await send(body)
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.body.error?.code).toBe(code)
    expect(`${answer.body.error?.message} ${answer.body.error?.error_data?.details}`).toContain(
      fragment,
    )
  })

  it('answers tokens as Meta does: unknown 401/190, expired 190/463, revoked 190/460', async () => {
    expect(
      (await send({ ...base, type: 'text', text: { body: 'x' } }, 'nope')).body.error,
    ).toMatchObject({ code: 190 })
    const expiring = sim.createAccount()
    sim.expireToken!(expiring.accessToken)
    const expired = await fetch(`${sim.baseUrl}/v23.0/${expiring.externalAccountId}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${expiring.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...base, type: 'text', text: { body: 'x' } }),
    })
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({
      error: {
        code: 190,
        error_subcode: 463,
        message: expect.stringContaining('Session has expired'),
      },
    })
  })
})
