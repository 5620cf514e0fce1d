import { createHash } from 'node:crypto'
import { buildProviderRegistry, loadPlatformConfig } from '@statex/providers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_ACCOUNTS, sandboxSetups } from '../src/simulators.js'
import { startFakeApi } from './fake-api.js'
import { startTestSandbox } from './helpers.js'

let api: Awaited<ReturnType<typeof startFakeApi>>
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
// The registry exactly as the API and the worker build it in sandbox mode.
let providers: ReturnType<typeof buildProviderRegistry>['providers']

beforeAll(async () => {
  api = await startFakeApi()
  sandbox = await startTestSandbox(sandboxSetups(), { STATEX_API_URL: api.url })
  providers = buildProviderRegistry(
    loadPlatformConfig({ STATEX_SANDBOX_URL: sandbox.url }),
  ).providers
})
afterAll(async () => {
  await sandbox.close()
  api.server.close()
})

const page = async (path: string) => (await fetch(`${sandbox.url}${path}`)).text()

describe('X and LinkedIn in the sandbox, through the registry the apps use', () => {
  it('registers both, with the fixed accounts listed', async () => {
    expect(Object.keys(providers)).toEqual(expect.arrayContaining(['linkedin', 'twitter']))
    const accounts = (await (await fetch(`${sandbox.url}/_sandbox/accounts`)).json()) as {
      accounts: { platform: string; externalAccountId: string }[]
    }
    // Every platform the sandbox serves has its fixed account, X and LinkedIn among them.
    expect(accounts.accounts.map((a) => a.platform).sort()).toEqual(Object.keys(providers).sort())
  })

  it('publishes an X thread and the X page shows it', async () => {
    const account = {
      accessToken: SANDBOX_ACCOUNTS.twitter.accessToken,
      externalAccountId: SANDBOX_ACCOUNTS.twitter.externalAccountId,
    }
    const result = await providers.twitter!.publish({
      account,
      post: { text: 'Sandbox thread 1/2', thread: [{ text: 'Sandbox thread 2/2' }] },
      idempotencyKey: 'sandbox-x',
    })
    expect(result.status).toBe('published')
    const html = await page('/twitter')
    expect(html).toContain('Statex Sandbox')
    expect(html).toContain('Sandbox thread 1/2')
    expect(html).toContain('Sandbox thread 2/2')
  })

  it('publishes a LinkedIn post with reserved characters, shown exactly as written', async () => {
    const account = {
      accessToken: SANDBOX_ACCOUNTS.linkedin.accessToken,
      externalAccountId: SANDBOX_ACCOUNTS.linkedin.externalAccountId,
    }
    const text = 'Hello (LinkedIn) [sandbox] #launch *bold*'
    const result = await providers.linkedin!.publish({
      account,
      post: { text },
      idempotencyKey: 'sandbox-li',
    })
    expect(result.status).toBe('published')
    const html = await page('/linkedin')
    expect(html).toContain('Statex Sandbox Company')
    expect(html).toContain('Hello (LinkedIn) [sandbox] #launch *bold*')
  })

  it('connects an X account through the simulator consent page, with PKCE', async () => {
    const verifier = 'v'.repeat(43)
    const url = providers.twitter!.getAuthorizationUrl!({
      state: 'st',
      redirectUri: `${sandbox.url}/_sandbox/oauth/callback`,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    })
    const consent = await fetch(url, { redirect: 'manual' })
    expect(consent.status).toBe(302)
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!
    const connected = await providers.twitter!.exchangeCode!({
      code,
      redirectUri: `${sandbox.url}/_sandbox/oauth/callback`,
      codeVerifier: verifier,
    })
    expect(connected.tokens.refreshToken).toBeDefined()
    const published = await providers.twitter!.publish({
      account: {
        accessToken: connected.tokens.accessToken,
        externalAccountId: connected.externalAccountId,
      },
      post: { text: 'From a connected account' },
      idempotencyKey: 'sandbox-x-connected',
    })
    expect(published.status).toBe('published')
  })

  it('connects a LinkedIn member and lists the page they administer', async () => {
    const url = providers.linkedin!.getAuthorizationUrl!({
      state: 'st',
      redirectUri: `${sandbox.url}/_sandbox/oauth/callback`,
    })
    const consent = await fetch(url, { redirect: 'manual' })
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!
    const connected = await providers.linkedin!.exchangeCode!({
      code,
      redirectUri: `${sandbox.url}/_sandbox/oauth/callback`,
    })
    expect(connected.externalAccountId).toMatch(/^urn:li:person:/)
    expect(connected.managedAccounts).toHaveLength(1)
  })
})
