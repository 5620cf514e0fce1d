import { createAiChain, DEFAULT_PRICES, openAiTier } from '@statex/ai'
import { startFakeModelServer, type FakeModelServer } from '@statex/ai/testing'
import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

const OPENAI_KEY = 'sk-test-ASSIST-SECRET-123456'
let models: FakeModelServer
let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  models = await startFakeModelServer({
    openaiKey: OPENAI_KEY,
    azureKey: 'unused-azure-key',
    azureDeployment: 'unused',
  })
  const chain = createAiChain({
    tiers: [
      openAiTier({
        apiKey: OPENAI_KEY,
        model: 'gpt-4o-mini',
        timeoutMs: 5_000,
        baseUrl: models.openaiBaseUrl,
      }),
    ],
    prices: DEFAULT_PRICES,
  })
  env = await setup('ai-assist', {}, { chain })
})
afterAll(async () => {
  await env?.close()
  await models?.close()
})
beforeEach(() => {
  models.calls.length = 0
})

const post = (url: string, key: string, payload: object = {}) =>
  env.app.inject({ method: 'POST', url, headers: bearer(key), payload })
const usage = async () =>
  (
    await env.app.inject({
      method: 'GET',
      url: '/v1/inbox/ai-usage',
      headers: bearer(env.a.keys.viewer),
    })
  ).json().data

describe('AI assist in the composer', () => {
  it('rewrites for each platform, shortens an over-long X answer once, and records tier and cost per call', async () => {
    models.script(
      'openai',
      { reply: 'Big news on LinkedIn: we launched.', tokensIn: 1000, tokensOut: 100 },
      // X counts as X does: 300 characters is over 280, so the tier is asked once to shorten.
      { reply: `Launch ${'x'.repeat(293)}`, tokensIn: 1000, tokensOut: 100 },
      { reply: 'We launched. Come see.', tokensIn: 1000, tokensOut: 100 },
    )
    const answer = await post('/v1/ai/assist', env.a.keys.editor, {
      text: 'We launched today, come and see.',
      platforms: ['linkedin', 'twitter'],
      task: 'rewrite',
    })
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json().suggestions).toEqual([
      {
        platform: 'linkedin',
        text: 'Big news on LinkedIn: we launched.',
        usage: expect.objectContaining({ tier: 'openai', model: 'gpt-4o-mini', tokensIn: 1000 }),
      },
      {
        platform: 'twitter',
        text: 'We launched. Come see.',
        // The shortening retry is part of the answer's cost.
        usage: expect.objectContaining({ tier: 'openai', tokensIn: 2000, tokensOut: 200 }),
      },
    ])
    expect(models.calls).toHaveLength(3)
    const prompt = JSON.stringify(models.calls[0]!.body)
    expect(prompt).toContain('LinkedIn')
    expect(prompt).toContain('We launched today, come and see.')
    // Three calls, each recorded: 3 × (1000 in × 0.15 + 100 out × 0.6) per million.
    expect(await usage()).toEqual([
      { tier: 'openai', calls: 3, tokensIn: 3000, tokensOut: 300, costUsd: 0.00063 },
    ])
  })

  it('says what is wrong: a viewer may not, an unknown task is refused, no tier answering is 503', async () => {
    expect(
      (
        await post('/v1/ai/assist', env.a.keys.viewer, {
          text: 'x',
          platforms: ['twitter'],
          task: 'rewrite',
        })
      ).statusCode,
    ).toBe(403)
    const bad = await post('/v1/ai/assist', env.a.keys.editor, {
      text: 'x',
      platforms: ['twitter'],
      task: 'translate',
    })
    expect(bad.statusCode).toBe(400)
    models.script('openai', { status: 500 })
    const down = await post('/v1/ai/assist', env.a.keys.editor, {
      text: 'x',
      platforms: ['twitter'],
      task: 'hashtags',
    })
    expect(down.statusCode, down.body).toBe(503)
    expect(down.json().error.code).toBe('AI_UNAVAILABLE')
  })
})

describe('an AI draft on demand', () => {
  it('drafts a reply for an interaction now, records it like automatic drafts, and refuses once it is answered', async () => {
    const { a } = env
    const comment: Interaction = {
      platform: 'whatsapp',
      externalId: 'wamid.draft-on-demand',
      type: 'MESSAGE',
      author: { externalId: '420777000999', name: 'Petra' },
      conversationId: '420777000999',
      text: 'Do you ship to Slovakia?',
      createdAt: new Date(),
      raw: null,
    }
    const { awaitingReply } = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [comment])
    const id = awaitingReply[0]!
    models.respond('openai', (messages) =>
      /Answer only JSON/.test(messages[0]?.content ?? '')
        ? { reply: '{"sentiment":"neutral","intent":"question"}', tokensIn: 50, tokensOut: 10 }
        : { reply: 'Yes, we ship to Slovakia in 3 days.', tokensIn: 400, tokensOut: 20 },
    )
    const drafted = await post(`/v1/interactions/${id}/draft`, a.keys.editor)
    expect(drafted.statusCode, drafted.body).toBe(200)
    expect(drafted.json()).toMatchObject({
      interaction: {
        id,
        aiDraftText: 'Yes, we ship to Slovakia in 3 days.',
        aiTier: 'openai',
        intent: 'question',
      },
      usage: { tier: 'openai', model: 'gpt-4o-mini', tokensIn: 400, tokensOut: 20 },
    })
    expect((await post(`/v1/interactions/${id}/draft`, a.keys.viewer)).statusCode).toBe(403)
    expect((await post(`/v1/interactions/${id}/draft`, env.b.keys.editor)).statusCode).toBe(404)

    // The fixtures' platforms point at a closed port: the send's outcome is unknown, and an
    // interaction whose reply may have gone out is not drafted over.
    const sent = await post(`/v1/interactions/${id}/draft/approve`, a.keys.editor)
    expect(sent.json().error.code).toBe('REPLY_OUTCOME_UNKNOWN')
    const again = await post(`/v1/interactions/${id}/draft`, a.keys.editor)
    expect(again.statusCode).toBe(409)
  })
})
