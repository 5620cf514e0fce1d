import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLATFORMS } from '@statex/core'
import { SANDBOX_SECRETS, buildProviderRegistry, loadPlatformConfig } from '../src/index.js'

const NOT_BUILT = ['facebook', 'instagram'].map((platform) => ({
  platform,
  reason: 'adapter not built yet',
}))

describe('buildProviderRegistry', () => {
  it('accounts for every platform exactly once', () => {
    const { providers, skipped } = buildProviderRegistry(loadPlatformConfig({}))
    const seen = [...Object.keys(providers), ...skipped.map((s) => s.platform)].sort()
    expect(seen).toEqual([...PLATFORMS].sort())
  })

  it('skips platforms whose settings are absent, naming the variables to set', () => {
    const { providers, skipped } = buildProviderRegistry(loadPlatformConfig({}))
    expect(providers).toEqual({})
    expect(skipped).toEqual([
      {
        platform: 'linkedin',
        reason: expect.stringContaining('set LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET'),
      },
      NOT_BUILT[0],
      { platform: 'twitter', reason: expect.stringContaining('set TWITTER_CLIENT_ID') },
      NOT_BUILT[1],
      { platform: 'telegram', reason: expect.stringContaining('set TELEGRAM_WEBHOOK_SECRET') },
      {
        platform: 'whatsapp',
        reason: expect.stringContaining('set WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN'),
      },
    ])
  })

  describe('with real credentials', () => {
    const registry = buildProviderRegistry(
      loadPlatformConfig({
        TELEGRAM_WEBHOOK_SECRET: 'tg-secret',
        WHATSAPP_APP_SECRET: 'wa-app-secret',
        WHATSAPP_VERIFY_TOKEN: 'wa-verify',
        TWITTER_CLIENT_ID: 'x-client',
        TWITTER_CLIENT_SECRET: 'x-secret',
        LINKEDIN_CLIENT_ID: 'li-client',
        LINKEDIN_CLIENT_SECRET: 'li-secret',
        LINKEDIN_API_VERSION: '202610',
      }),
    )

    it('registers every built adapter and skips only the adapters not built', () => {
      expect(Object.keys(registry.providers).sort()).toEqual([
        'linkedin',
        'telegram',
        'twitter',
        'whatsapp',
      ])
      expect(registry.skipped).toEqual(NOT_BUILT)
      expect(registry.providers.telegram?.platform).toBe('telegram')
      expect(registry.providers.whatsapp?.platform).toBe('whatsapp')
    })

    it('hands the OAuth client ids to X and LinkedIn, with the real consent pages', () => {
      const redirect = { state: 's', redirectUri: 'https://statex.example/cb', codeChallenge: 'c' }
      const x = registry.providers.twitter!.getAuthorizationUrl!(redirect)
      expect(x.origin + x.pathname).toBe('https://x.com/i/oauth2/authorize')
      expect(x.searchParams.get('client_id')).toBe('x-client')
      const li = registry.providers.linkedin!.getAuthorizationUrl!(redirect)
      expect(li.origin + li.pathname).toBe('https://www.linkedin.com/oauth/v2/authorization')
      expect(li.searchParams.get('client_id')).toBe('li-client')
    })

    it('hands the Telegram webhook secret to the adapter', () => {
      const verify = (secret: string) =>
        registry.providers.telegram!.webhooks!.verify({
          headers: { 'x-telegram-bot-api-secret-token': secret },
          rawBody: '{"update_id":1}',
        })
      expect(verify('tg-secret')).toBe(true)
      expect(verify('another-secret')).toBe(false)
    })

    it('hands the WhatsApp app secret and verify token to the adapter', () => {
      const body = '{"object":"whatsapp_business_account","entry":[]}'
      const sign = (secret: string) =>
        `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
      const verify = (secret: string) =>
        registry.providers.whatsapp!.webhooks!.verify({
          headers: { 'x-hub-signature-256': sign(secret) },
          rawBody: body,
        })
      expect(verify('wa-app-secret')).toBe(true)
      expect(verify('not-the-secret')).toBe(false)
      const challenge = (token: string) =>
        registry.providers.whatsapp!.webhooks!.challenge?.({
          query: {
            'hub.mode': 'subscribe',
            'hub.verify_token': token,
            'hub.challenge': '1158201444',
          },
        })
      expect(challenge('wa-verify')).toBe('1158201444')
      expect(challenge('wrong')).toBeUndefined()
    })
  })

  describe('in sandbox mode', () => {
    // A stand-in for the sandbox: answers every call with the platform's documented error shape
    // and records the path, which is all this test is about.
    let server: Server
    let sandboxUrl: string
    const paths: string[] = []

    beforeAll(async () => {
      server = createServer((req, res) => {
        paths.push(req.url ?? '')
        req.resume()
        const telegramCall = req.url?.startsWith('/telegram/')
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify(
            telegramCall
              ? { ok: false, error_code: 400, description: 'Bad Request: chat not found' }
              : {
                  error: {
                    message: '(#100) Invalid parameter',
                    type: 'OAuthException',
                    code: 100,
                    fbtrace_id: 'A1',
                  },
                },
          ),
        )
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      sandboxUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    it('registers every available adapter without credentials', () => {
      const { providers, skipped } = buildProviderRegistry(
        loadPlatformConfig({ STATEX_SANDBOX_URL: sandboxUrl }),
      )
      expect(Object.keys(providers).sort()).toEqual(['linkedin', 'telegram', 'twitter', 'whatsapp'])
      expect(skipped).toEqual(NOT_BUILT)
      const consent = providers.twitter!.getAuthorizationUrl!({
        state: 's',
        redirectUri: 'https://statex.example/cb',
        codeChallenge: 'c',
      })
      expect(consent.toString()).toContain(`${sandboxUrl}/twitter/i/oauth2/authorize?`)
      expect(
        providers.linkedin!.getAuthorizationUrl!({
          state: 's',
          redirectUri: 'https://a.example/cb',
        }).toString(),
      ).toContain(`${sandboxUrl}/linkedin/oauth/v2/authorization?`)
    })

    it('verifies webhooks with the sandbox secrets when none is configured, and with yours when one is', async () => {
      const body = JSON.stringify({ update_id: 1 })
      const telegramDelivery = (secret: string) => ({
        headers: { 'x-telegram-bot-api-secret-token': secret },
        rawBody: body,
      })
      const defaults = buildProviderRegistry(loadPlatformConfig({ STATEX_SANDBOX_URL: sandboxUrl }))
      expect(
        defaults.providers.telegram!.webhooks!.verify(
          telegramDelivery(SANDBOX_SECRETS.telegramWebhookSecret),
        ),
      ).toBe(true)
      const signature = `sha256=${createHmac('sha256', SANDBOX_SECRETS.whatsappAppSecret).update(body).digest('hex')}`
      expect(
        defaults.providers.whatsapp!.webhooks!.verify({
          headers: { 'x-hub-signature-256': signature },
          rawBody: body,
        }),
      ).toBe(true)
      expect(
        defaults.providers.whatsapp!.webhooks!.challenge!({
          query: {
            'hub.mode': 'subscribe',
            'hub.verify_token': SANDBOX_SECRETS.whatsappVerifyToken,
            'hub.challenge': '42',
          },
        }),
      ).toBe('42')

      const own = buildProviderRegistry(
        loadPlatformConfig({
          STATEX_SANDBOX_URL: sandboxUrl,
          TELEGRAM_WEBHOOK_SECRET: 'my-own-secret',
        }),
      )
      expect(own.providers.telegram!.webhooks!.verify(telegramDelivery('my-own-secret'))).toBe(true)
      expect(
        own.providers.telegram!.webhooks!.verify(
          telegramDelivery(SANDBOX_SECRETS.telegramWebhookSecret),
        ),
      ).toBe(false)
    })

    it('points each adapter at the sandbox under its platform prefix', async () => {
      const { providers } = buildProviderRegistry(
        loadPlatformConfig({ STATEX_SANDBOX_URL: `${sandboxUrl}/` }),
      )
      paths.length = 0
      await expect(
        providers.telegram!.publish({
          account: { accessToken: '123456:ABC-sandbox', externalAccountId: '@sandbox_channel' },
          post: { text: 'hello' },
          idempotencyKey: 'registry-test-telegram',
        }),
      ).rejects.toMatchObject({ name: 'ProviderError', platform: 'telegram' })
      // A broadcast may report per-recipient failures instead of throwing; only the path matters here.
      await providers
        .whatsapp!.publish({
          account: { accessToken: 'EAAG-sandbox', externalAccountId: '106540352242922' },
          post: { text: 'hello', options: { whatsapp: { recipients: ['+15551234567'] } } },
          idempotencyKey: 'registry-test-whatsapp',
        })
        .catch(() => undefined)
      await expect(
        providers.twitter!.publish({
          account: { accessToken: 'x-sandbox', externalAccountId: '1' },
          post: { text: 'hello' },
          idempotencyKey: 'registry-test-twitter',
        }),
      ).rejects.toMatchObject({ name: 'ProviderError', platform: 'twitter' })
      await expect(
        providers.linkedin!.publish({
          account: { accessToken: 'li-sandbox', externalAccountId: 'urn:li:organization:1' },
          post: { text: 'hello' },
          idempotencyKey: 'registry-test-linkedin',
        }),
      ).rejects.toMatchObject({ name: 'ProviderError', platform: 'linkedin' })
      expect(paths).toContain('/twitter/2/tweets')
      expect(paths).toContain('/linkedin/rest/posts')
      expect(paths.some((p) => p.startsWith('/telegram/bot123456:ABC-sandbox/'))).toBe(true)
      expect(
        paths.some((p) => p.startsWith('/whatsapp/') && p.includes('/106540352242922/messages')),
      ).toBe(true)
      expect(paths.every((p) => /^\/(telegram|whatsapp|twitter|linkedin)\//.test(p))).toBe(true)
    })
  })
})
