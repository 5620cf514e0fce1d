import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLATFORMS } from '@statex/core'
import { SANDBOX_SECRETS, buildProviderRegistry, loadPlatformConfig } from '../src/index.js'

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
      {
        platform: 'facebook',
        reason: expect.stringContaining(
          'set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET and FACEBOOK_VERIFY_TOKEN',
        ),
      },
      { platform: 'twitter', reason: expect.stringContaining('set TWITTER_CLIENT_ID') },
      {
        platform: 'instagram',
        reason: expect.stringContaining(
          'set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET and INSTAGRAM_VERIFY_TOKEN',
        ),
      },
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
        FACEBOOK_APP_ID: '111',
        FACEBOOK_APP_SECRET: 'fb-app-secret',
        FACEBOOK_VERIFY_TOKEN: 'fb-verify',
        INSTAGRAM_APP_ID: '222',
        INSTAGRAM_APP_SECRET: 'ig-app-secret',
        INSTAGRAM_VERIFY_TOKEN: 'ig-verify',
        TWITTER_CLIENT_ID: 'x-client',
        TWITTER_CLIENT_SECRET: 'x-secret',
        LINKEDIN_CLIENT_ID: 'li-client',
        LINKEDIN_CLIENT_SECRET: 'li-secret',
        LINKEDIN_API_VERSION: '202610',
      }),
    )

    it('hands each Meta app its own secret, verify token and app id', () => {
      for (const [platform, secret, token, appId] of [
        ['facebook', 'fb-app-secret', 'fb-verify', '111'],
        ['instagram', 'ig-app-secret', 'ig-verify', '222'],
      ] as const) {
        const provider = registry.providers[platform]!
        const body = `{"object":"${platform === 'facebook' ? 'page' : 'instagram'}","entry":[]}`
        const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
        expect(
          provider.webhooks!.verify({
            headers: { 'x-hub-signature-256': signature },
            rawBody: body,
          }),
        ).toBe(true)
        expect(
          provider.webhooks!.challenge!({
            query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '7' },
          }),
        ).toBe('7')
        const url = provider.getAuthorizationUrl!({
          state: 's',
          redirectUri: 'https://app.example/cb',
        })
        expect(url.origin).toBe('https://www.facebook.com')
        expect(url.searchParams.get('client_id')).toBe(appId)
      }
    })

    it('registers every adapter with settings, and skips none', () => {
      expect(Object.keys(registry.providers).sort()).toEqual([
        'facebook',
        'instagram',
        'linkedin',
        'telegram',
        'twitter',
        'whatsapp',
      ])
      expect(registry.skipped).toEqual([])
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
      expect(Object.keys(providers).sort()).toEqual([...PLATFORMS].sort())
      expect(skipped).toEqual([])
      expect(
        providers.facebook!.getAuthorizationUrl!({
          state: 's',
          redirectUri: 'https://a.example/cb',
        }).origin,
      ).toBe(sandboxUrl)
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
      await providers
        .facebook!.publish({
          account: { accessToken: 'EAAG-sandbox', externalAccountId: '109000000000011' },
          post: { text: 'hello' },
          idempotencyKey: 'registry-test-facebook',
        })
        .catch(() => undefined)
      await providers
        .instagram!.publish({
          account: { accessToken: 'EAAG-sandbox', externalAccountId: '17841000000000021' },
          post: { text: 'hello', media: [{ url: 'https://example.com/a.jpg', type: 'image' }] },
          idempotencyKey: 'registry-test-instagram',
        })
        .catch(() => undefined)
      expect(paths.some((p) => p.startsWith('/facebook/v23.0/109000000000011/feed'))).toBe(true)
      expect(
        paths.some((p) =>
          p.startsWith('/instagram/v23.0/17841000000000021/content_publishing_limit'),
        ),
      ).toBe(true)
      expect(
        paths.every((p) => /^\/(telegram|whatsapp|facebook|instagram|twitter|linkedin)\//.test(p)),
      ).toBe(true)
    })
  })
})
