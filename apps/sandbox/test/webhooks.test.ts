import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSetup, type FakeSimulator } from './fake-simulator.js'
import { startFakeApi } from './fake-api.js'
import { startTestSandbox } from './helpers.js'
import { summarize } from '../src/webhook-relay.js'

const account = { accessToken: '123:fixed-token', externalAccountId: '-100777' }

describe('webhook delivery to the API', () => {
  let api: Awaited<ReturnType<typeof startFakeApi>>
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
  let simulator: FakeSimulator

  beforeAll(async () => {
    api = await startFakeApi()
    sandbox = await startTestSandbox([fakeSetup((sim) => (simulator = sim))], {
      STATEX_API_URL: `${api.url}/`,
    })
  })
  afterAll(async () => {
    await sandbox.close()
    api.server.close()
  })

  it('forwards what the simulator pushes to /v1/webhooks/<platform>, body and signature headers unchanged', async () => {
    simulator.simulateInteraction({ account, text: 'Hi from a customer' })
    const answer = await simulator.pushes.at(-1)!
    expect(answer.status).toBe(200)
    expect(api.received).toHaveLength(1)
    const [delivery] = api.received
    expect(delivery!.path).toBe('/v1/webhooks/telegram')
    expect(delivery!.headers['x-telegram-bot-api-secret-token']).toBe('fake-secret')
    expect(delivery!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(delivery!.body)).toMatchObject({ text: 'Hi from a customer', post: null })
    expect(sandbox.relay.deliveries('telegram')[0]).toMatchObject({ status: 200 })
  })

  it('tells the simulator what the API answered and logs a failing API once', async () => {
    api.status = 500
    simulator.simulateInteraction({ account, text: 'one' })
    expect((await simulator.pushes.at(-1)!).status).toBe(500)
    simulator.simulateInteraction({ account, text: 'two' })
    await simulator.pushes.at(-1)!
    expect(sandbox.logs.filter((line) => line.includes('could not deliver'))).toHaveLength(1)
    expect(sandbox.logs.join('\n')).toContain('HTTP 500')
    api.status = 200
    simulator.simulateInteraction({ account, text: 'three' })
    await simulator.pushes.at(-1)!
    expect(sandbox.logs.at(-1)).toContain('delivered to')
    const html = await (await fetch(`${sandbox.url}/telegram`)).text()
    expect(html).toContain('HTTP 500')
  })
})

describe('webhook delivery while the API is not running', () => {
  it('logs briefly, answers the simulator 502 and keeps serving', async () => {
    const api = await startFakeApi()
    api.server.close()
    let simulator!: FakeSimulator
    const sandbox = await startTestSandbox([fakeSetup((sim) => (simulator = sim))], {
      STATEX_API_URL: api.url,
    })
    try {
      simulator.simulateInteraction({ account, text: 'nobody listens' })
      simulator.simulateInteraction({ account, text: 'still nobody' })
      const answers = await Promise.all(simulator.pushes)
      expect(answers.map((a) => a.status)).toEqual([502, 502])
      expect(sandbox.logs.filter((line) => line.includes('could not deliver'))).toEqual([
        expect.stringContaining('ECONNREFUSED'),
      ])
      expect((await fetch(`${sandbox.url}/health`)).status).toBe(200)
    } finally {
      await sandbox.close()
    }
  })
})

describe('summarize', () => {
  it('names Telegram updates and Meta webhook contents, and survives anything else', () => {
    expect(summarize(Buffer.from(JSON.stringify({ update_id: 7, message: { text: 'x' } })))).toBe(
      'update 7: message',
    )
    const meta = {
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            { field: 'messages', value: { statuses: [{ status: 'sent' }, { status: 'read' }] } },
            { field: 'messages', value: { messages: [{ type: 'text' }] } },
          ],
        },
      ],
    }
    expect(summarize(Buffer.from(JSON.stringify(meta)))).toBe(
      'statuses: sent, read; messages: text',
    )
    expect(summarize(Buffer.from('not json'))).toBe('8 bytes')
    expect(summarize(Buffer.from('null'))).toBe('4 bytes')
  })
})
