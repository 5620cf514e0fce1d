import { facebook } from '@statex/facebook'
import type { FacebookSimulator } from '@statex/facebook/testing'
import { instagram } from '@statex/instagram'
import type { InstagramSimulator } from '@statex/instagram/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_SECRETS } from '@statex/providers'
import { SANDBOX_DEFAULTS } from '../src/config.js'
import { SANDBOX_ACCOUNTS, sandboxSetups } from '../src/simulators.js'
import { startFakeApi } from './fake-api.js'
import { startTestSandbox } from './helpers.js'

let api: Awaited<ReturnType<typeof startFakeApi>>
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>

beforeAll(async () => {
  api = await startFakeApi()
  sandbox = await startTestSandbox(sandboxSetups(), { STATEX_API_URL: api.url })
})
afterAll(async () => {
  await sandbox.close()
  api.server.close()
})

const auth = (platform: 'facebook' | 'instagram') => ({
  accessToken: SANDBOX_ACCOUNTS[platform].accessToken,
  externalAccountId: SANDBOX_ACCOUNTS[platform].externalAccountId,
})

/** The page's "answer as a person" form, as a browser posts it. */
const answerAsPerson = (platform: string, post: string, text: string) =>
  fetch(`${sandbox.url}/_sandbox/interactions`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      platform,
      account: auth(platform as 'facebook').externalAccountId,
      post,
      author: '',
      text,
    }),
  })

describe('Facebook Pages through the sandbox with the real adapter', () => {
  const provider = () =>
    facebook({ baseUrl: `${sandbox.url}/facebook`, appSecret: SANDBOX_DEFAULTS.facebookAppSecret })
  const simulator = () => sandbox.simulators.get('facebook') as FacebookSimulator

  it('lists the Page, publishes to it, and a comment from the form reaches the API signed', async () => {
    const body = (await (await fetch(`${sandbox.url}/_sandbox/accounts`)).json()) as {
      accounts: Record<string, unknown>[]
    }
    expect(body.accounts.find((a) => a.platform === 'facebook')).toMatchObject({
      name: 'Statex Sandbox Page',
      ...auth('facebook'),
    })
    const result = await provider().publish({
      account: auth('facebook'),
      post: { text: 'Open day on Saturday' },
      idempotencyKey: 'f1',
    })
    if (result.status !== 'published') throw new Error('not published')
    expect(await (await fetch(`${sandbox.url}/facebook`)).text()).toContain('Open day on Saturday')

    const before = api.received.length
    expect((await answerAsPerson('facebook', result.externalId, 'See you there')).status).toBe(303)
    expect((await answerAsPerson('facebook', '', 'Do you have parking?')).status).toBe(303)
    await simulator().flushWebhooks()
    const received = api.received.slice(before)
    expect(received.map((d) => d.path)).toEqual(['/v1/webhooks/facebook', '/v1/webhooks/facebook'])
    const events = received.flatMap((d) => {
      expect(provider().webhooks.verify({ headers: d.headers, rawBody: d.body })).toBe(true)
      return provider().webhooks.parse({ body: JSON.parse(d.body) })
    })
    expect(
      events.map((e) => (e.kind === 'interaction' ? [e.interaction.type, e.interaction.text] : [])),
    ).toEqual([
      ['COMMENT', 'See you there'],
      ['MESSAGE', 'Do you have parking?'],
    ])
  })
})

describe('Instagram through the sandbox with the real adapter', () => {
  const provider = () =>
    instagram({
      baseUrl: `${sandbox.url}/instagram`,
      appSecret: SANDBOX_DEFAULTS.instagramAppSecret,
    })
  const simulator = () => sandbox.simulators.get('instagram') as InstagramSimulator

  it('publishes an image, shows it, and a comment from the form reaches the API signed', async () => {
    const result = await provider().publish({
      account: auth('instagram'),
      post: {
        text: 'New studio lights',
        media: [{ url: 'https://example.com/lights.jpg', type: 'image' }],
      },
      idempotencyKey: 'i1',
    })
    if (result.status !== 'published') throw new Error(`not published: ${result.status}`)
    expect(await (await fetch(`${sandbox.url}/instagram`)).text()).toContain('New studio lights')
    const before = api.received.length
    expect((await answerAsPerson('instagram', result.externalId, 'Gorgeous!')).status).toBe(303)
    await simulator().flushWebhooks()
    const [delivery] = api.received.slice(before)
    expect(delivery!.path).toBe('/v1/webhooks/instagram')
    expect(
      provider().webhooks.verify({ headers: delivery!.headers, rawBody: delivery!.body }),
    ).toBe(true)
    expect(
      JSON.stringify(provider().webhooks.parse({ body: JSON.parse(delivery!.body) })),
    ).toContain('Gorgeous!')
  })
})

describe('Facebook Login through the sandbox', () => {
  it('the dialog approves at once and the code connects the sandbox Page', async () => {
    const redirectUri = 'http://127.0.0.1:4000/v1/accounts/facebook/callback'
    const provider = facebook({
      baseUrl: `${sandbox.url}/facebook`,
      dialogBaseUrl: `${sandbox.url}/facebook`,
      appId: SANDBOX_SECRETS.facebookAppId,
      appSecret: SANDBOX_DEFAULTS.facebookAppSecret,
    })
    const dialog = provider.getAuthorizationUrl({ state: 'st-1', redirectUri })
    const answer = await fetch(dialog, { redirect: 'manual' })
    expect(answer.status).toBe(302)
    const back = new URL(answer.headers.get('location')!)
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri)
    expect(back.searchParams.get('state')).toBe('st-1')
    const account = await provider.exchangeCode({
      code: back.searchParams.get('code')!,
      redirectUri,
    })
    expect(account).toMatchObject({
      platform: 'facebook',
      ...{ externalAccountId: SANDBOX_ACCOUNTS.facebook.externalAccountId },
    })
    expect(account.tokens.accessToken).toBe(SANDBOX_ACCOUNTS.facebook.accessToken)
  })
})
