import { telegram } from '@statex/telegram'
import { createTelegramSimulator, type TelegramSimulator } from '@statex/telegram/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { bearer, sandboxProviders, setup } from './fixtures.js'
import type { FastifyInstance } from 'fastify'

let env: Awaited<ReturnType<typeof setup>>
let sim: TelegramSimulator
let app: FastifyInstance
let accountId: string
let interactionIds: string[]

beforeAll(async () => {
  env = await setup('inbox')
  sim = await createTelegramSimulator({ port: 0, host: '127.0.0.1' })
  const provider = telegram({ baseUrl: sim.baseUrl, webhookSecret: 'inbox-secret' })
  const registry = sandboxProviders()
  app = await buildApp({
    config: { logLevel: 'silent', queuePrefix: env.prefix, rateLimitPerMinute: 10_000 },
    db: env.db,
    redis: env.redis,
    providers: { ...registry, providers: { ...registry.providers, telegram: provider } },
    queues: env.queues,
  })
  // A real bot and channel on the simulator, and two comments arriving the way Telegram sends them.
  const auth = sim.createAccount({ name: 'Inbox channel' })
  accountId = (
    await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'telegram',
      externalAccountId: auth.externalAccountId,
      displayName: 'Inbox channel',
      tokens: { accessToken: auth.accessToken },
    })
  ).id
  for (const text of ['First question?', 'Second question?']) {
    const delivery = sim.webhookDelivery({ account: auth, text })
    const events = provider.webhooks!.parse({ body: JSON.parse(String(delivery.rawBody)) })
    await env.db.interactions.upsertInteractions(
      accountId,
      events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction] : [])),
    )
  }
  const inbox = await env.db.interactions.listInbox({ workspaceId: env.a.workspaceId })
  interactionIds = inbox.items.map((i) => i.id)
})
afterAll(async () => {
  await app.close()
  await sim.close()
  await env.close()
})

describe('the inbox', () => {
  it('lists the workspace interactions, filters by account and unreplied, pages by cursor', async () => {
    expect(interactionIds).toHaveLength(2)
    const first = await app.inject({
      method: 'GET',
      url: `/v1/interactions?limit=1&accountId=${accountId}`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().data).toHaveLength(1)
    const second = await app.inject({
      method: 'GET',
      url: `/v1/interactions?limit=1&cursor=${first.json().nextCursor}`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id)
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/interactions',
          headers: bearer(env.b.keys.viewer),
        })
      ).json().data,
    ).toEqual([])
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/interactions/${interactionIds[0]}`,
          headers: bearer(env.b.keys.viewer),
        })
      ).statusCode,
    ).toBe(404)
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/interactions?limit=0',
          headers: bearer(env.a.keys.viewer),
        })
      ).statusCode,
    ).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/v1/interactions' })).statusCode).toBe(401)
  })

  it('replies on the platform and records it; a second reply is refused', async () => {
    const id = interactionIds[0]!
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/v1/interactions/${id}/reply`,
          headers: bearer(env.a.keys.viewer),
          payload: { text: 'Hi' },
        })
      ).statusCode,
    ).toBe(403)
    const sent = await app.inject({
      method: 'POST',
      url: `/v1/interactions/${id}/reply`,
      headers: bearer(env.a.keys.editor),
      payload: { text: 'Thanks for asking!' },
    })
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json().interaction.repliedAt).not.toBeNull()
    const call = sim.requests.find(
      (r) =>
        r.path.endsWith('/sendMessage') && JSON.stringify(r.body).includes('Thanks for asking!'),
    )
    expect(call).toBeTruthy()
    const again = await app.inject({
      method: 'POST',
      url: `/v1/interactions/${id}/reply`,
      headers: bearer(env.a.keys.editor),
      payload: { text: 'Again' },
    })
    expect(again.statusCode).toBe(409)
  })

  it('edits, rejects and approves an AI draft', async () => {
    const id = interactionIds[1]!
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/v1/interactions/${id}/draft/approve`,
          headers: bearer(env.a.keys.editor),
        })
      ).statusCode,
    ).toBe(422)
    await env.db.interactions.saveAiDraft(id, { text: 'Drafted answer', tier: 'ollama' })
    const edited = await app.inject({
      method: 'PATCH',
      url: `/v1/interactions/${id}/draft`,
      headers: bearer(env.a.keys.editor),
      payload: { text: 'Edited answer' },
    })
    expect(edited.json().interaction.aiDraftText).toBe('Edited answer')
    const rejected = await app.inject({
      method: 'DELETE',
      url: `/v1/interactions/${id}/draft`,
      headers: bearer(env.a.keys.editor),
    })
    expect(rejected.json().interaction.aiDraftText).toBeNull()
    await env.db.interactions.saveAiDraft(id, { text: 'Second draft', tier: 'ollama' })
    const approved = await app.inject({
      method: 'POST',
      url: `/v1/interactions/${id}/draft/approve`,
      headers: bearer(env.a.keys.editor),
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(sim.requests.some((r) => JSON.stringify(r.body).includes('Second draft'))).toBe(true)
  })

  it('answers 502 with the platform reason when the platform refuses', async () => {
    const [item] = (await env.db.interactions.listInbox({ workspaceId: env.a.workspaceId })).items
    const fresh = await env.db.interactions.upsertInteractions(accountId, [
      {
        platform: 'telegram',
        externalId: `${item!.externalId}-x`,
        type: 'COMMENT',
        author: { externalId: '1' },
        text: 'x',
        conversationId: item!.conversationId ?? undefined,
        createdAt: new Date(),
        raw: {},
      } as never,
    ])
    expect(fresh.inserted).toBe(1)
    const target = (
      await env.db.interactions.listInbox({ workspaceId: env.a.workspaceId, unrepliedOnly: true })
    ).items.find((i) => i.externalId.endsWith('-x'))!
    const token = (await env.db.accounts.getAccountAuth(accountId)).accessToken
    sim.revokeToken(token)
    const refused = await app.inject({
      method: 'POST',
      url: `/v1/interactions/${target.id}/reply`,
      headers: bearer(env.a.keys.editor),
      payload: { text: 'Hello' },
    })
    expect(refused.statusCode).toBe(502)
    expect(refused.json().error.code).toBe('PLATFORM_ERROR')
    expect(refused.body).not.toContain(token)
  })
})

describe('GET /v1/analytics', () => {
  it('counts targets by outcome, in total and per platform, for the workspace only', async () => {
    await app.inject({
      method: 'POST',
      url: '/v1/posts',
      headers: bearer(env.a.keys.editor),
      payload: {
        content: { text: 'A' },
        targets: [{ accountId }],
        schedule: { type: 'at', at: new Date(Date.now() + 3_600_000).toISOString() },
      },
    })
    // The period is of scheduled times; this one reaches a day ahead (the default ends now).
    const period = `startDate=${new Date(Date.now() - 86_400_000).toISOString()}&endDate=${new Date(Date.now() + 86_400_000).toISOString()}`
    const response = await app.inject({
      method: 'GET',
      url: `/v1/analytics?${period}`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.totals.posts).toMatchObject({ scheduled: 1, total: 1 })
    expect(body.platforms).toEqual([
      expect.objectContaining({
        platform: 'telegram',
        posts: expect.objectContaining({ scheduled: 1 }),
      }),
    ])
    const other = await app.inject({
      method: 'GET',
      url: '/v1/analytics?platform=telegram',
      headers: bearer(env.b.keys.viewer),
    })
    expect(other.json().totals.posts.total).toBe(0)
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/analytics?startDate=yesterday',
          headers: bearer(env.a.keys.viewer),
        })
      ).statusCode,
    ).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/v1/analytics' })).statusCode).toBe(401)
  })
})
