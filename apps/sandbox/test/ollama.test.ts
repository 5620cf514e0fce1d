import { assist, createAiChain, draftReply, ollamaTier, triage } from '@statex/ai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_REPLY_MARK } from '../src/ollama.js'
import { startTestSandbox } from './helpers.js'

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
beforeAll(async () => {
  sandbox = await startTestSandbox([])
})
afterAll(async () => {
  await sandbox?.close()
})

describe('the Ollama-compatible endpoint', () => {
  it('lists its model at /api/tags and refuses a chat without messages as Ollama does', async () => {
    const tags = await fetch(`${sandbox.url}/api/tags`)
    expect((await tags.json()) as unknown).toMatchObject({ models: [{ name: 'sandbox:latest' }] })
    const bad = await fetch(`${sandbox.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'sandbox', messages: [], stream: false }),
    })
    expect(bad.status).toBe(400)
    expect((await bad.json()) as unknown).toEqual({ error: 'messages are required' })
  })

  it('answers the official client with a marked reply built from the FAQ it was given', async () => {
    const chain = createAiChain({
      tiers: [ollamaTier({ host: sandbox.url, model: 'llama3.2', timeoutMs: 5_000 })],
    })
    const answer = await draftReply(
      chain,
      {
        platform: 'telegram',
        interaction: { type: 'MESSAGE', text: 'When do you open?', authorName: 'Jana' },
        voice: { tone: 'warm', signature: '— Acme', dos: [], donts: [] },
        knowledge: [{ question: 'Opening hours', answer: 'We open at 9 on weekdays.' }],
        maxLength: 4096,
      },
      { check: () => 'ok' },
    )
    expect(answer.tier).toBe('ollama')
    expect(answer.text).toBe(`${SANDBOX_REPLY_MARK} Thanks, Jana! We open at 9 on weekdays. — Acme`)
    expect(answer.tokensOut).toBeGreaterThan(0)
    expect(await triage('Great, but is it any good?', chain)).toMatchObject({
      by: 'model',
      intent: 'other',
    })
  })

  it("answers the composer's assist with the marked post, hashtags when asked, within the limit", async () => {
    const chain = createAiChain({
      tiers: [ollamaTier({ host: sandbox.url, model: 'llama3.2', timeoutMs: 5_000 })],
    })
    const check = () => 'ok' as const
    const text = 'We launched today, come and see.'
    const rewrite = await assist(
      chain,
      { task: 'rewrite', text, platformName: 'LinkedIn' },
      { check },
    )
    expect(rewrite.text).toBe(`${SANDBOX_REPLY_MARK} ${text}`)
    const tags = await assist(
      chain,
      { task: 'hashtags', text, platformName: 'Instagram' },
      { check },
    )
    expect(tags.text).toBe(`${SANDBOX_REPLY_MARK} ${text}\n#sandbox #statex`)
    const short = await assist(
      chain,
      { task: 'shorten', text: 'a'.repeat(400), platformName: 'X', maxLength: 280 },
      { check },
    )
    expect(short.text.length).toBeLessThanOrEqual(280)
  })
})
