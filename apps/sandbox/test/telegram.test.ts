import { telegram } from '@statex/telegram'
import type { TelegramSimulator } from '@statex/telegram/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_DEFAULTS } from '../src/config.js'
import { SANDBOX_ACCOUNTS, sandboxSetups } from '../src/simulators.js'
import { startFakeApi } from './fake-api.js'
import { startTestSandbox } from './helpers.js'

let api: Awaited<ReturnType<typeof startFakeApi>>
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
const account = {
  accessToken: SANDBOX_ACCOUNTS.telegram.accessToken,
  externalAccountId: SANDBOX_ACCOUNTS.telegram.externalAccountId,
}

beforeAll(async () => {
  api = await startFakeApi()
  sandbox = await startTestSandbox(sandboxSetups(), { STATEX_API_URL: api.url })
})
afterAll(async () => {
  await sandbox.close()
  api.server.close()
})

describe('Telegram through the sandbox with the real adapter', () => {
  const provider = () =>
    telegram({
      baseUrl: `${sandbox.url}/telegram`,
      webhookSecret: SANDBOX_DEFAULTS.telegramWebhookSecret,
    })

  it('has the fixed channel with its bot webhook pointing at the sandbox relay', async () => {
    expect(sandbox.accounts.find((a) => a.platform === 'telegram')).toMatchObject({
      name: 'Statex Sandbox Channel',
      auth: account,
    })
    const info = await fetch(`${sandbox.url}/telegram/bot${account.accessToken}/getWebhookInfo`)
    const body = (await info.json()) as { ok: boolean; result: { url: string } }
    expect(body.result.url).toBe(`${sandbox.url}/_sandbox/webhooks/telegram`)
  })

  it('publishes through the proxy and the post shows on the Telegram page', async () => {
    const result = await provider().publish({
      account,
      post: { text: 'Hello from <the> sandbox 👋' },
      idempotencyKey: 'k1',
    })
    expect(result.status).toBe('published')
    const externalId = (result as { externalId: string }).externalId
    const simulator = sandbox.simulators.get('telegram')!
    expect(simulator.findPost(account, externalId)?.text).toBe('Hello from <the> sandbox 👋')
    const html = await (await fetch(`${sandbox.url}/telegram`)).text()
    expect(html).toContain('Hello from &lt;the&gt; sandbox 👋')
    expect(html).toContain(`id="post-${externalId}"`)
  })

  it('a comment added on the page reaches the API as a webhook the adapter verifies and parses', async () => {
    const result = await provider().publish({
      account,
      post: { text: 'Comment here' },
      idempotencyKey: 'k2',
    })
    const externalId = (result as { externalId: string }).externalId
    const before = api.received.length
    const answer = await fetch(`${sandbox.url}/_sandbox/interactions`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        platform: 'telegram',
        account: account.externalAccountId,
        post: externalId,
        author: 'Ada Lovelace',
        text: 'First!',
      }),
    })
    expect(answer.status).toBe(303)
    await (sandbox.simulators.get('telegram') as TelegramSimulator).flushWebhooks()
    const deliveries = api.received.slice(before)
    expect(deliveries.length).toBeGreaterThan(0)
    expect(deliveries.every((d) => d.path === '/v1/webhooks/telegram')).toBe(true)
    const webhooks = provider().webhooks!
    const events = deliveries.flatMap((delivery) => {
      expect(webhooks.verify({ headers: delivery.headers, rawBody: delivery.body })).toBe(true)
      return webhooks.parse({ body: JSON.parse(delivery.body) })
    })
    expect(JSON.stringify(events)).toContain('First!')
    const wrongSecret = telegram({
      baseUrl: `${sandbox.url}/telegram`,
      webhookSecret: 'not-the-secret',
    })
    expect(
      wrongSecret.webhooks!.verify({
        headers: deliveries[0]!.headers,
        rawBody: deliveries[0]!.body,
      }),
    ).toBe(false)
    const html = await (await fetch(`${sandbox.url}${answer.headers.get('location')}`)).text()
    expect(html).toContain('Ada: First!')
  })
})
