import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  AllTiersFailedError,
  azureTier,
  createAiChain,
  draftReply,
  loadAiSettings,
  ollamaTier,
  openAiTier,
  triage,
  triageByRules,
  type AiTier,
  type Completion,
} from '../src/index.js'
import { startFakeModelServer, type FakeModelServer } from '../src/testing.js'

const OPENAI_KEY = 'sk-test-OPENAI-SECRET-123456'
const AZURE_KEY = 'azure-SECRET-key-abcdef'
let server: FakeModelServer

beforeAll(async () => {
  server = await startFakeModelServer({
    openaiKey: OPENAI_KEY,
    azureKey: AZURE_KEY,
    azureDeployment: 'replies',
  })
})
afterAll(async () => {
  await server?.close()
})
beforeEach(() => {
  server.calls.length = 0
})

const ollama = (timeoutMs = 2_000) =>
  ollamaTier({ host: server.ollamaHost, model: 'llama3.2', timeoutMs })
const openai = (apiKey = OPENAI_KEY) =>
  openAiTier({ apiKey, model: 'gpt-4o-mini', baseUrl: server.openaiBaseUrl, timeoutMs: 2_000 })
const azure = (apiKey = AZURE_KEY) =>
  azureTier({
    endpoint: server.azureEndpoint,
    apiKey,
    deployment: 'replies',
    apiVersion: '2024-10-21',
    timeoutMs: 2_000,
  })

function logSink() {
  const lines: string[] = []
  return {
    lines,
    log: {
      info: (fields: Record<string, unknown>, message: string) =>
        lines.push(JSON.stringify({ ...fields, message })),
      warn: (fields: Record<string, unknown>, message: string) =>
        lines.push(JSON.stringify({ ...fields, message })),
    },
  }
}

const ask = {
  messages: [{ role: 'user' as const, content: 'PROMPT-SECRET: how much is shipping?' }],
}

describe('the three tiers, as their APIs are documented', () => {
  it('Ollama: POST /api/chat with stream false; tokens from prompt_eval_count and eval_count', async () => {
    server.script('ollama', { reply: 'Hi from Ollama', tokensIn: 12, tokensOut: 5 })
    const chain = createAiChain({ tiers: [ollama()] })
    const answer = await chain.complete(ask)
    expect(answer).toMatchObject({
      text: 'Hi from Ollama',
      tier: 'ollama',
      model: 'llama3.2',
      tokensIn: 12,
      tokensOut: 5,
      costUsd: 0,
    })
    expect(server.calls[0]).toMatchObject({
      api: 'ollama',
      path: '/api/chat',
      body: { model: 'llama3.2', stream: false },
    })
  })

  it('OpenAI: Authorization Bearer; Azure: api-key header, deployment path and api-version', async () => {
    server.script('openai', { reply: 'Hi from OpenAI' })
    server.script('azure', { reply: 'Hi from Azure' })
    expect((await createAiChain({ tiers: [openai()] }).complete(ask)).text).toBe('Hi from OpenAI')
    expect((await createAiChain({ tiers: [azure()] }).complete(ask)).text).toBe('Hi from Azure')
    const [o, a] = server.calls
    expect(o!.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`)
    expect(o!.headers['api-key']).toBeUndefined()
    expect(a!.path).toBe('/openai/deployments/replies/chat/completions?api-version=2024-10-21')
    expect(a!.headers['api-key']).toBe(AZURE_KEY)
    expect(a!.headers.authorization).toBeUndefined()
  })
})

describe('the fallback chain', () => {
  it('falls through in order on an error, a refusal and a bad key, and costs what the price table says', async () => {
    server.script('ollama', { status: 500 })
    server.script('openai', { refusal: 'I cannot help with that.' })
    server.script('azure', { reply: 'Azure answers', tokensIn: 1_000_000, tokensOut: 500_000 })
    const usage: Completion[] = []
    const { log, lines } = logSink()
    const chain = createAiChain({
      tiers: [ollama(), openai(), azure()],
      prices: { azure: { replies: { inputPerMillion: 2, outputPerMillion: 8 } } },
      log,
    })
    const answer = await chain.complete(ask, { onUsage: (u) => void usage.push(u) })
    expect(answer).toMatchObject({ tier: 'azure', text: 'Azure answers', costUsd: 6 })
    expect(server.calls.map((c) => c.api)).toEqual(['ollama', 'openai', 'azure'])
    // The refused OpenAI call was paid for, so it is recorded too.
    expect(usage.map((u) => u.tier)).toEqual(['openai', 'azure'])

    // A wrong key: 401 with OpenAI's body, which quotes part of the key; it never reaches a log.
    const bad = createAiChain({ tiers: [openai('sk-wrong-KEY-999999')], log })
    const error = await bad.complete(ask).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AllTiersFailedError)
    expect((error as AllTiersFailedError).attempts[0]!.error).toMatchObject({
      kind: 'auth',
      status: 401,
    })
    const everything = lines.join('\n') + String((error as Error).message)
    for (const secret of [
      OPENAI_KEY,
      AZURE_KEY,
      'sk-wrong-KEY-999999',
      'PROMPT-SECRET',
      'Azure answers',
    ])
      expect(everything).not.toContain(secret)
  })

  it('moves on when a tier is slower than its timeout', async () => {
    server.script('ollama', { delayMs: 1_500, reply: 'too late' })
    server.script('openai', { reply: 'in time' })
    const chain = createAiChain({ tiers: [ollama(200), openai()] })
    const answer = await chain.complete(ask)
    expect(answer.tier).toBe('openai')
  })

  it('cools a failing tier down instead of trying it on every request; a 429 cools it for its retry-after', async () => {
    let clock = 1_000_000
    const chain = createAiChain({
      tiers: [ollama(), openai()],
      failuresBeforeCooldown: 2,
      cooldownMs: 60_000,
      now: () => clock,
    })
    server.script('ollama', { status: 500 }, { status: 500 })
    await chain.complete(ask)
    await chain.complete(ask)
    server.calls.length = 0
    await chain.complete(ask)
    expect(server.calls.map((c) => c.api)).toEqual(['openai'])
    expect(chain.cooling().ollama).toBe(1_000_000 + 60_000)
    clock += 60_001
    server.calls.length = 0
    await chain.complete(ask)
    expect(server.calls.map((c) => c.api)).toEqual(['ollama'])

    const limited = createAiChain({ tiers: [azure(), ollama()], now: () => clock })
    server.script('azure', { status: 429, retryAfterSeconds: 20 })
    expect((await limited.complete(ask)).tier).toBe('ollama')
    expect(limited.cooling().azure).toBe(clock + 20_000)
    server.calls.length = 0
    await limited.complete(ask)
    expect(server.calls.map((c) => c.api)).toEqual(['ollama'])
  })

  it('asks once to shorten an over-long answer, then falls through when it is still too long', async () => {
    server.script('ollama', { reply: 'x'.repeat(50) }, { reply: 'short' })
    const chain = createAiChain({ tiers: [ollama(), openai()] })
    const check = (text: string) => (text.length > 20 ? ('too_long' as const) : ('ok' as const))
    const answer = await chain.complete(ask, { check })
    expect(answer).toMatchObject({ tier: 'ollama', text: 'short', tokensIn: 200 })
    const shorten = server.calls[1]!.body as { messages: { role: string }[] }
    expect(shorten.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user'])

    server.script('ollama', { reply: 'y'.repeat(50) }, { reply: 'z'.repeat(50) })
    server.script('openai', { reply: 'fits' })
    expect((await chain.complete(ask, { check })).tier).toBe('openai')
  })

  it('refuses with every attempt named when nothing answers, and with no tier configured', async () => {
    server.script('ollama', { status: 500 })
    const error = (await createAiChain({ tiers: [ollama()] })
      .complete(ask)
      .catch((e: unknown) => e)) as AllTiersFailedError
    expect(error.attempts).toHaveLength(1)
    await expect(createAiChain({ tiers: [] as AiTier[] }).complete(ask)).rejects.toThrow(
      /No AI tier is configured/,
    )
  })
})

describe('settings, triage and replies', () => {
  it('builds the configured tiers in AI_TIERS order and names what is missing', () => {
    const settings = loadAiSettings({
      AI_TIERS: 'openai,ollama,azure',
      OPENAI_API_KEY: OPENAI_KEY,
      OLLAMA_URL: server.ollamaHost,
    })
    expect(settings.tiers.map((t) => t.name)).toEqual(['openai', 'ollama'])
    expect(settings.skipped).toEqual([
      {
        tier: 'azure',
        missing: 'AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT',
      },
    ])
    expect(() =>
      loadAiSettings({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AI_TIERS: 'nope' }),
    ).toThrow(/AI_TIERS/)
    expect(() => loadAiSettings({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/' })).toThrow(
      /AZURE_OPENAI_API_KEY/,
    )
  })

  it('triages by rules first and asks a model only when they are unsure', async () => {
    expect(triageByRules('My order never arrived, I want a refund')).toMatchObject({
      intent: 'complaint',
      sentiment: 'negative',
    })
    expect(triageByRules('Get free followers, check my profile')).toMatchObject({ intent: 'spam' })
    expect(triageByRules('Love it, thanks!')).toMatchObject({
      intent: 'praise',
      sentiment: 'positive',
    })
    expect(triageByRules('When do you open?')).toMatchObject({ intent: 'question' })
    server.script('ollama', { reply: '{"sentiment":"negative","intent":"other"}' })
    const mixed = await triage(
      'Great product but is the refund policy terrible?',
      createAiChain({ tiers: [ollama()] }),
    )
    expect(mixed).toEqual({ sentiment: 'negative', intent: 'other', by: 'model' })
    expect(server.calls).toHaveLength(1)
  })

  it('drafts a reply from the brand voice and the FAQ, quoting the person only as data', async () => {
    server.script('ollama', { reply: 'Shipping is free over 50 EUR. — Team Acme' })
    const chain = createAiChain({ tiers: [ollama()] })
    const answer = await draftReply(
      chain,
      {
        platform: 'facebook',
        interaction: { type: 'COMMENT', text: 'How much is shipping?', authorName: 'Jana' },
        postText: 'Our new mugs are here',
        voice: {
          tone: 'warm',
          signature: '— Team Acme',
          dos: ['use first names'],
          donts: ['promise dates'],
        },
        knowledge: [{ question: 'Shipping costs', answer: 'Shipping is free over 50 EUR.' }],
        maxLength: 8000,
      },
      { check: () => 'ok' },
    )
    expect(answer.text).toContain('free over 50 EUR')
    const sent = server.calls[0]!.body as { messages: { role: string; content: string }[] }
    expect(sent.messages[0]!.content).toMatch(
      /Tone: warm[\s\S]*Don't: promise dates[\s\S]*Team Acme/,
    )
    expect(sent.messages[1]!.content).toMatch(
      /FAQ:\nQ: Shipping costs[\s\S]*Jana wrote:\nHow much is shipping\?/,
    )
  })
})
