import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProviderError, type AccountAuth, type PostDraft } from '@statex/core'
import { REENGAGEMENT_MESSAGE, whatsapp } from '../src/index.js'
import {
  SERVICE_WINDOW_MS,
  SIMULATED_CUSTOMERS,
  createWhatsAppSimulator,
  type WhatsAppSimulator,
} from '../src/testing.js'
import { abortWhen } from '@statex/testkit/simulator'

const [sheena, ava, oliver] = SIMULATED_CUSTOMERS.map((c) => c.waId) as [string, string, string]
const broadcast = (recipients: string[], extra: Partial<PostDraft> = {}): PostDraft => ({
  text: 'Doors open at 9 tomorrow.',
  ...extra,
  options: { whatsapp: { recipients, ...extra.options?.whatsapp } },
})
const sentTo = (sim: WhatsAppSimulator, account: AccountAuth) =>
  sim.requests
    .filter(
      (r) =>
        r.path.endsWith('/messages') && r.headers.authorization === `Bearer ${account.accessToken}`,
    )
    .map((r) => (r.body as { to: string }).to)

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!ProviderError.is(error)) throw new Error(`expected a ProviderError, got ${String(error)}`)
  return error
}

describe('broadcast: one message per recipient, exactly once', () => {
  let sim: WhatsAppSimulator
  const provider = () => whatsapp({ baseUrl: sim.baseUrl })
  beforeAll(async () => {
    sim = await createWhatsAppSimulator()
  })
  afterAll(() => sim.close())

  it('returns one accepted delivery per recipient, the first wamid as the id and all as parts', async () => {
    const account = sim.createAccount()
    const result = await provider().publish({
      account,
      post: broadcast([sheena, `+${ava}`, oliver]),
      idempotencyKey: 'all',
    })
    if (result.status !== 'published') throw new Error('not published')
    expect(result.deliveries?.map((d) => [d.recipient, d.status])).toEqual([
      [sheena, 'accepted'],
      [`+${ava}`, 'accepted'],
      [oliver, 'accepted'],
    ])
    expect(result.externalId).toBe(result.deliveries![0]!.externalId)
    expect(result.partIds).toEqual(result.deliveries!.map((d) => d.externalId))
    expect(new Set(result.partIds).size).toBe(3)
    for (const id of result.partIds!) expect(sim.findPost(account, id)).toBeDefined()
  })

  it('on a rate limit at recipient 2, carries the accepted deliveries; resumeFrom sends only the rest', async () => {
    const account = sim.createAccount()
    const post = broadcast([sheena, ava, oliver])
    // The second /messages request of this broadcast is throttled.
    let calls = 0
    const error = await failure(
      whatsapp({
        baseUrl: sim.baseUrl,
        fetch: (input, init) => {
          if (++calls === 2) sim.injectFault({ type: 'rate_limit', retryAfterSeconds: 90 })
          return fetch(input, init)
        },
      }).publish({ account, post, idempotencyKey: 'partial' }),
    )
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 120_000,
      outcome: 'not_sent',
    })
    expect(error.retryable).toBe(true)
    expect(error.progress).toMatchObject({
      deliveries: [{ recipient: sheena, status: 'accepted' }],
    })
    expect(sim.countPosts(account)).toBe(1)

    const resumed = await provider().publish({
      account,
      post,
      idempotencyKey: 'partial',
      resumeFrom: error.progress,
    })
    if (resumed.status !== 'published') throw new Error('not published')
    // Ava's first request was refused (throttled), so she was asked twice and holds one message.
    expect(sentTo(sim, account)).toEqual([sheena, ava, ava, oliver])
    const held = sim.listPosts(account).map((p) => (p.raw as { to: string }).to)
    expect(held.sort()).toEqual([sheena, ava, oliver].sort())
    expect(resumed.deliveries?.map((d) => d.recipient)).toEqual([sheena, ava, oliver])
    expect(resumed.externalId).toBe(
      (error.progress as { deliveries: { externalId: string }[] }).deliveries[0]!.externalId,
    )
    // Resuming again from the final state sends nothing more.
    await provider().publish({
      account,
      post,
      idempotencyKey: 'partial',
      resumeFrom: { v: 1, deliveries: resumed.deliveries },
    })
    expect(sim.countPosts(account)).toBe(3)
  })

  it('never sends twice to a recipient whose send timed out: a resume skips and reports them', async () => {
    const account = sim.createAccount()
    const post = broadcast([sheena, ava, oliver])
    let calls = 0
    const error = await failure(
      whatsapp({
        baseUrl: sim.baseUrl,
        fetch: (input, init) => {
          if (++calls === 2) {
            sim.injectFault({ type: 'hang_after_receive' })
            // Gives up once the simulator has acted on the send, whatever the machine's load.
            return fetch(input, { ...init, signal: abortWhen(() => sim.countPosts(account) === 2) })
          }
          return fetch(input, init)
        },
      }).publish({ account, post, idempotencyKey: 'timeout' }),
    )
    expect(error).toMatchObject({ kind: 'transient', outcome: 'unknown' })
    expect(sim.countPosts(account)).toBe(2)
    const resumed = await provider().publish({
      account,
      post,
      idempotencyKey: 'timeout',
      resumeFrom: error.progress,
    })
    if (resumed.status !== 'published') throw new Error('not published')
    expect(sentTo(sim, account)).toEqual([sheena, ava, oliver])
    expect(resumed.deliveries?.map((d) => [d.recipient, d.status])).toEqual([
      [sheena, 'accepted'],
      [ava, 'failed'],
      [oliver, 'accepted'],
    ])
    expect(resumed.deliveries![1]!.error).toMatchObject({
      code: 'OUTCOME_UNKNOWN',
      message: expect.stringContaining(ava),
    })
  })

  it('stops at a rejection of the content itself, keeping what was sent', async () => {
    const account = sim.createAccount()
    let calls = 0
    const error = await failure(
      whatsapp({
        baseUrl: sim.baseUrl,
        fetch: (input, init) => {
          if (++calls === 2)
            sim.injectFault({
              type: 'reject_content',
              message: 'Message type is currently not supported.',
            })
          return fetch(input, init)
        },
      }).publish({ account, post: broadcast([sheena, ava, oliver]), idempotencyKey: 'content' }),
    )
    expect(error.kind).toBe('invalid_request')
    expect(error.progress).toMatchObject({
      deliveries: [{ recipient: sheena, status: 'accepted' }],
    })
    expect(sentTo(sim, account)).toEqual([sheena, ava])
  })
})

describe('the 24-hour customer-service window', () => {
  for (const mode of ['status_webhook', 'send_response'] as const) {
    describe(`when Meta reports 131047 by ${mode === 'status_webhook' ? 'a failed status webhook (the Cloud API)' : 'the send answer'}`, () => {
      let sim: WhatsAppSimulator
      let account: AccountAuth
      beforeAll(async () => {
        sim = await createWhatsAppSimulator({ reEngagementErrors: mode })
        account = sim.createAccount()
        sim.advance(SERVICE_WINDOW_MS + 60_000)
        // Only Ava wrote again: her window is open, the others' closed.
        sim.simulateInteraction({ account, text: 'Still there?', from: ava })
      })
      afterAll(() => sim.close())
      const provider = () => whatsapp({ baseUrl: sim.baseUrl })

      it('delivers an approved template outside the window', async () => {
        const result = await provider().publish({
          account,
          post: broadcast([sheena], {
            text: '',
            options: {
              whatsapp: {
                recipients: [sheena],
                template: { name: 'hello_world', language: 'en_US' },
              },
            },
          }),
          idempotencyKey: `template-${mode}`,
        })
        if (result.status !== 'published') throw new Error('not published')
        sim.advance(60_000)
        expect(sim.statusOf(account, result.externalId)).toBe('read')
      })

      it('reports free-form outside the window with the clear message, without stopping the others', async () => {
        const result = await provider().publish({
          account,
          post: broadcast([sheena, ava, oliver]),
          idempotencyKey: `free-${mode}`,
        })
        if (result.status !== 'published') throw new Error('not published')
        const reasons = new Map<string, string | undefined>()
        if (mode === 'send_response') {
          expect(result.deliveries?.map((d) => [d.recipient, d.status])).toEqual([
            [sheena, 'failed'],
            [ava, 'accepted'],
            [oliver, 'failed'],
          ])
          for (const d of result.deliveries!)
            if (d.status === 'failed') reasons.set(d.recipient, d.error?.message)
          expect(result.externalId).toBe(result.deliveries![1]!.externalId)
        } else {
          // The Cloud API accepts every send; the refusal arrives as a failed status.
          expect(result.deliveries?.every((d) => d.status === 'accepted')).toBe(true)
          const ids = new Set(result.partIds)
          const provider = whatsapp({ appSecret: sim.appSecret })
          await sim.flushWebhooks()
          for (const { delivery } of sim.webhookLog) {
            expect(provider.webhooks.verify(delivery)).toBe(true)
            for (const event of provider.webhooks.parse({ body: JSON.parse(delivery.rawBody) })) {
              if (
                event.kind === 'delivery_status' &&
                ids.has(event.externalId) &&
                event.status === 'failed'
              ) {
                reasons.set(event.recipient!, event.error?.message)
                expect(event.error?.code).toBe(131047)
              }
            }
          }
          expect(sim.statusOf(account, result.deliveries![1]!.externalId)).not.toBe('failed')
        }
        expect([...reasons.keys()].sort()).toEqual([oliver, sheena].sort())
        for (const message of reasons.values()) expect(message).toBe(REENGAGEMENT_MESSAGE)
      })

      if (mode === 'send_response') {
        it('throws invalid_request with the clear message when every recipient is outside the window', async () => {
          const error = await failure(
            provider().publish({
              account,
              post: broadcast([sheena, oliver]),
              idempotencyKey: 'none',
            }),
          )
          expect(error).toMatchObject({
            kind: 'invalid_request',
            platformCode: 131047,
            message: REENGAGEMENT_MESSAGE,
          })
        })
      }

      it('lets a reply through inside the window and refuses it outside', async () => {
        const inside = await provider().reply({
          account,
          to: {
            platform: 'whatsapp',
            externalId: 'wamid.in',
            type: 'MESSAGE',
            author: { externalId: ava },
            conversationId: ava,
            createdAt: new Date(),
            raw: {},
          },
          text: 'Yes!',
        })
        expect(sim.findPost(account, inside.externalId)?.text).toBe('Yes!')
        const outside = provider().reply({
          account,
          to: {
            platform: 'whatsapp',
            externalId: 'wamid.old',
            type: 'MESSAGE',
            author: { externalId: sheena },
            conversationId: sheena,
            createdAt: new Date(),
            raw: {},
          },
          text: 'Sorry for the wait',
        })
        if (mode === 'send_response') {
          expect(await failure(outside)).toMatchObject({
            kind: 'invalid_request',
            message: REENGAGEMENT_MESSAGE,
          })
        } else {
          const { externalId } = await outside
          expect(sim.statusOf(account, externalId)).toBe('failed')
        }
      })
    })
  }
})

describe('validate', () => {
  const provider = whatsapp()
  it('names every recipient problem with its path', () => {
    const issues = provider.validate(
      broadcast(['+16505551234', '0170 1234567', 'abc', '+1650555123456789', '16505551234']),
    )
    expect(issues.map((i) => i.path)).toEqual([
      'options.whatsapp.recipients[1]',
      'options.whatsapp.recipients[2]',
      'options.whatsapp.recipients[3]',
      'options.whatsapp.recipients[4]',
    ])
    expect(issues[0]!.message).toMatch(/country code/)
    expect(issues[3]!.message).toMatch(/repeats recipient 1/)
  })

  it('requires recipients, a template name and language, and no media beside a template', () => {
    expect(provider.validate({ text: 'hi' }).map((i) => i.path)).toEqual([
      'options.whatsapp.recipients',
    ])
    const issues = provider.validate({
      text: '',
      media: [{ type: 'image', url: 'https://a.example/x.jpg' }],
      options: { whatsapp: { recipients: [sheena], template: { name: ' ', language: '' } } },
    })
    expect(issues.map((i) => i.path).sort()).toEqual([
      'media',
      'options.whatsapp.template.language',
      'options.whatsapp.template.name',
    ])
  })

  it('applies the shared WhatsApp limits: 1 media item, caption 1024, text 4096', () => {
    const paths = (post: PostDraft) => provider.validate(post).map((i) => i.path)
    expect(
      paths(
        broadcast([sheena], {
          text: 'x'.repeat(1025),
          media: [{ type: 'image', url: 'https://a.example/x.jpg' }],
        }),
      ),
    ).toEqual(['text'])
    expect(paths(broadcast([sheena], { text: 'x'.repeat(4096) }))).toEqual([])
    expect(
      paths(
        broadcast([sheena], {
          media: [
            { type: 'image', url: 'https://a/1.jpg' },
            { type: 'image', url: 'https://a/2.jpg' },
          ],
        }),
      ),
    ).toEqual(['media'])
  })
})
