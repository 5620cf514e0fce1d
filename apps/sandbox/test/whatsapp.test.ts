import { whatsapp } from '@statex/whatsapp'
import { SIMULATED_CUSTOMERS, type WhatsAppSimulator } from '@statex/whatsapp/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_DEFAULTS } from '../src/config.js'
import { SANDBOX_ACCOUNTS, sandboxSetups } from '../src/simulators.js'
import { startFakeApi } from './fake-api.js'
import { startTestSandbox } from './helpers.js'

let api: Awaited<ReturnType<typeof startFakeApi>>
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
const account = {
  accessToken: SANDBOX_ACCOUNTS.whatsapp.accessToken,
  externalAccountId: SANDBOX_ACCOUNTS.whatsapp.externalAccountId,
}
const simulator = () => sandbox.simulators.get('whatsapp') as WhatsAppSimulator

beforeAll(async () => {
  api = await startFakeApi()
  sandbox = await startTestSandbox(sandboxSetups(), { STATEX_API_URL: api.url })
})
afterAll(async () => {
  await sandbox.close()
  api.server.close()
})

describe('WhatsApp through the sandbox with the real adapter', () => {
  const provider = () =>
    whatsapp({ baseUrl: `${sandbox.url}/whatsapp`, appSecret: SANDBOX_DEFAULTS.whatsappAppSecret })

  it('lists the business number with its opted-in customers as recipients', async () => {
    const body = (await (await fetch(`${sandbox.url}/_sandbox/accounts`)).json()) as {
      accounts: Record<string, unknown>[]
    }
    expect(body.accounts.find((a) => a.platform === 'whatsapp')).toMatchObject({
      name: 'Statex Sandbox Business',
      ...account,
      baseUrl: `${sandbox.url}/whatsapp`,
      details: { recipients: SIMULATED_CUSTOMERS.map((c) => ({ waId: c.waId, name: c.name })) },
    })
  })

  it('broadcasts through the proxy; the messages and their statuses show on the WhatsApp page', async () => {
    const recipients = SIMULATED_CUSTOMERS.slice(0, 2).map((c) => `+${c.waId}`)
    const result = await provider().publish({
      account,
      post: { text: 'Spring sale starts today', options: { whatsapp: { recipients } } },
      idempotencyKey: 'w1',
    })
    expect(result.status).toBe('published')
    const deliveries = (result as { deliveries?: { externalId?: string }[] }).deliveries ?? []
    expect(deliveries).toHaveLength(2)
    simulator().advance(120_000)
    await simulator().flushWebhooks()
    const html = await (await fetch(`${sandbox.url}/whatsapp`)).text()
    expect(html.match(/Spring sale starts today/g)!.length).toBeGreaterThanOrEqual(2)
    expect(html).toContain(`read to +${SIMULATED_CUSTOMERS[0]!.waId}`)
  })

  it('delivers statuses and customer messages to the API signed so the adapter verifies them', async () => {
    const before = api.received.length
    const answer = await fetch(`${sandbox.url}/_sandbox/interactions`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        platform: 'whatsapp',
        account: account.externalAccountId,
        post: '',
        author: '',
        text: 'Is it still on?',
      }),
    })
    expect(answer.status).toBe(303)
    await simulator().flushWebhooks()
    const received = api.received.slice(before)
    expect(received.map((d) => d.path)).toEqual(['/v1/webhooks/whatsapp'])
    const webhooks = provider().webhooks!
    const delivery = received[0]!
    expect(webhooks.verify({ headers: delivery.headers, rawBody: delivery.body })).toBe(true)
    expect(JSON.stringify(webhooks.parse({ body: JSON.parse(delivery.body) }))).toContain(
      'Is it still on?',
    )
    const tampered = delivery.body.replace('Is it still on?', 'Is it still on!')
    expect(webhooks.verify({ headers: delivery.headers, rawBody: tampered })).toBe(false)
    // Earlier status webhooks reached the API through the same relay.
    expect(api.received.filter((d) => d.body.includes('"statuses"')).length).toBeGreaterThan(0)
  })
})
