import { createHash } from 'node:crypto'
import { CONTENT_RULES, type SocialProvider } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { bearer, postBody, sandboxProviders, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('accounts')
})
afterAll(async () => {
  await env.close()
})

describe('GET /v1/accounts', () => {
  it('lists the workspace accounts with their health, never their tokens', async () => {
    await env.db.accounts.markNeedsReconnect(
      env.a.accounts.telegram2,
      'Telegram answered 401: the bot token was revoked',
    )
    const response = await env.app.inject({
      method: 'GET',
      url: '/v1/accounts',
      headers: bearer(env.a.keys.viewer),
    })
    expect(response.statusCode).toBe(200)
    const data = response.json().data as {
      id: string
      health: { state: string; lastError: string | null }
    }[]
    expect(data.map((a) => a.id).sort()).toEqual(Object.values(env.a.accounts).sort())
    expect(data.find((a) => a.id === env.a.accounts.telegram2)!.health).toMatchObject({
      state: 'needs_reconnect',
      lastError: expect.stringContaining('401'),
    })
    expect(data.find((a) => a.id === env.a.accounts.whatsapp)!.health.state).toBe('ok')
    expect(response.body).not.toContain('token-')
    expect((await env.app.inject({ method: 'GET', url: '/v1/accounts' })).statusCode).toBe(401)
  })
})

describe('DELETE /v1/accounts/:id', () => {
  it('refuses while posts are scheduled on it, cancels them when asked, keeps history by disabling', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/v1/posts',
      headers: bearer(env.a.keys.editor),
      payload: postBody(env.a.accounts),
    })
    const target = created
      .json()
      .post.targets.find((t: { platform: string }) => t.platform === 'telegram')
    expect(
      (
        await env.app.inject({
          method: 'DELETE',
          url: `/v1/accounts/${env.a.accounts.telegram}`,
          headers: bearer(env.a.keys.editor),
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await env.app.inject({
          method: 'DELETE',
          url: `/v1/accounts/${env.a.accounts.telegram}`,
          headers: bearer(env.b.keys.owner),
        })
      ).statusCode,
    ).toBe(404)
    const refused = await env.app.inject({
      method: 'DELETE',
      url: `/v1/accounts/${env.a.accounts.telegram}`,
      headers: bearer(env.a.keys.owner),
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({
      code: 'ACCOUNT_HAS_SCHEDULED_POSTS',
      details: { scheduledTargets: [expect.objectContaining({ targetId: target.id })] },
    })
    expect((await env.db.accounts.getAccount(env.a.accounts.telegram))!.status).toBe('active')

    const done = await env.app.inject({
      method: 'DELETE',
      url: `/v1/accounts/${env.a.accounts.telegram}?cancelScheduled=true`,
      headers: bearer(env.a.keys.owner),
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toEqual({ removed: 'disabled', cancelledTargets: [target.id] })
    expect((await env.db.posts.getPost(target.id))!.status).toBe('DRAFT')
    expect((await env.db.accounts.getAccount(env.a.accounts.telegram))!.status).toBe('disabled')
  })

  it('deletes an account that never had posts', async () => {
    const account = await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'telegram',
      externalAccountId: '@spare',
      displayName: 'Spare',
      tokens: { accessToken: 't' },
    })
    const response = await env.app.inject({
      method: 'DELETE',
      url: `/v1/accounts/${account.id}`,
      headers: bearer(env.a.keys.owner),
    })
    expect(response.json()).toEqual({ removed: 'deleted', cancelledTargets: [] })
    expect(await env.db.accounts.getAccount(account.id)).toBeNull()
  })
})

describe('OAuth connect', () => {
  // No OAuth adapter is built yet, so this stands in for one: it checks PKCE like an authorization
  // server does (RFC 7636 §4.6) and records what it was given.
  const challenges = new Map<string, string>()
  const oauthPlatform: SocialProvider = {
    platform: 'linkedin',
    capabilities: {
      content: CONTENT_RULES.linkedin,
      publishing: 'sync',
      deletes: false,
      metrics: [],
      interactions: { types: [], delivery: [] },
      connection: 'oauth',
      tokenRefresh: false,
      reconcile: 'none',
    },
    validate: () => [],
    publish: () => Promise.reject(new Error('not used')),
    getAuthorizationUrl({ state, redirectUri, codeChallenge }) {
      const url = new URL('https://auth.example.com/authorize')
      url.searchParams.set('state', state)
      url.searchParams.set('redirect_uri', redirectUri)
      url.searchParams.set('code_challenge', codeChallenge ?? '')
      url.searchParams.set('code_challenge_method', 'S256')
      challenges.set('code-1', codeChallenge ?? '')
      return url
    },
    async exchangeCode({ code, codeVerifier }) {
      const expected = challenges.get(code)
      if (
        !codeVerifier ||
        createHash('sha256').update(codeVerifier).digest('base64url') !== expected
      )
        throw new Error('invalid_grant: PKCE verification failed')
      return {
        platform: 'linkedin',
        externalAccountId: 'urn:li:person:1',
        displayName: 'Ada',
        tokens: { accessToken: 'li-token', expiresAt: new Date(Date.now() + 3_600_000) },
      }
    },
  }

  it('keeps state and the PKCE verifier server-side, one-time; the callback connects the account', async () => {
    const registry = sandboxProviders()
    const app = await buildApp({
      config: {
        logLevel: 'silent',
        queuePrefix: env.prefix,
        rateLimitPerMinute: 10_000,
        publicUrl: 'https://api.example.com',
      },
      db: env.db,
      redis: env.redis,
      providers: { ...registry, providers: { ...registry.providers, linkedin: oauthPlatform } },
      queues: env.queues,
    })
    try {
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/v1/accounts/linkedin/connect',
            headers: bearer(env.a.keys.editor),
          })
        ).statusCode,
      ).toBe(403)
      const started = await app.inject({
        method: 'POST',
        url: '/v1/accounts/linkedin/connect',
        headers: bearer(env.a.keys.owner),
      })
      expect(started.statusCode, started.body).toBe(200)
      const url = new URL(started.json().authorizationUrl)
      const state = url.searchParams.get('state')!
      expect(url.searchParams.get('redirect_uri')).toBe(
        'https://api.example.com/v1/oauth/linkedin/callback',
      )
      expect(started.body).not.toMatch(/verifier/i)

      const callback = await app.inject({
        method: 'GET',
        url: `/v1/oauth/linkedin/callback?code=code-1&state=${state}`,
      })
      expect(callback.statusCode, callback.body).toBe(200)
      expect(callback.json().account).toMatchObject({
        platform: 'linkedin',
        displayName: 'Ada',
        status: 'active',
      })
      const accounts = await env.db.accounts.listAccounts(env.a.workspaceId)
      expect(accounts.some((a) => a.platform === 'linkedin')).toBe(true)

      const replay = await app.inject({
        method: 'GET',
        url: `/v1/oauth/linkedin/callback?code=code-1&state=${state}`,
      })
      expect(replay.statusCode).toBe(400)
      expect(replay.json().error.message).toContain('expired or was already used')
      const forged = await app.inject({
        method: 'GET',
        url: '/v1/oauth/linkedin/callback?code=code-1&state=made-up',
      })
      expect(forged.statusCode).toBe(400)
    } finally {
      await app.close()
    }
  })

  it('says that token platforms do not use OAuth, and unconfigured ones are not available', async () => {
    const telegram = await env.app.inject({
      method: 'POST',
      url: '/v1/accounts/telegram/connect',
      headers: bearer(env.a.keys.owner),
    })
    expect(telegram.statusCode).toBe(422)
    expect(telegram.json().error.message).toContain('token')
    // A deployment without LinkedIn's settings: the registry skips it, and connecting says so.
    const registry = sandboxProviders()
    const { linkedin: _skipped, ...others } = registry.providers
    const withoutLinkedIn = await buildApp({
      config: { logLevel: 'silent', queuePrefix: env.prefix, rateLimitPerMinute: 10_000 },
      db: env.db,
      redis: env.redis,
      providers: {
        providers: others,
        skipped: [...registry.skipped, { platform: 'linkedin', reason: 'set LINKEDIN_CLIENT_ID' }],
      },
      queues: env.queues,
    })
    try {
      const linkedin = await withoutLinkedIn.inject({
        method: 'POST',
        url: '/v1/accounts/linkedin/connect',
        headers: bearer(env.a.keys.owner),
      })
      expect(linkedin.statusCode).toBe(422)
    } finally {
      await withoutLinkedIn.close()
    }
    const bogus = await env.app.inject({
      method: 'POST',
      url: '/v1/accounts/myspace/connect',
      headers: bearer(env.a.keys.owner),
    })
    expect(bogus.statusCode).toBe(400)
  })
})

describe('POST /v1/accounts/:platform/token', () => {
  it('connects a Telegram bot and a WhatsApp number only after the platform accepts the token', async () => {
    const { createTelegramSimulator } = await import('@statex/telegram/testing')
    const { createWhatsAppSimulator } = await import('@statex/whatsapp/testing')
    const { telegram } = await import('@statex/telegram')
    const { whatsapp } = await import('@statex/whatsapp')
    const tg = await createTelegramSimulator()
    const wa = await createWhatsAppSimulator()
    const registry = sandboxProviders()
    const app = await buildApp({
      config: { logLevel: 'silent', queuePrefix: env.prefix, rateLimitPerMinute: 10_000 },
      db: env.db,
      redis: env.redis,
      providers: {
        ...registry,
        providers: {
          ...registry.providers,
          telegram: telegram({ baseUrl: tg.baseUrl, webhookSecret: 'x-secret' }),
          whatsapp: whatsapp({ baseUrl: wa.baseUrl, appSecret: 'a', verifyToken: 'v' }),
        },
      },
      queues: env.queues,
    })
    try {
      const bot = tg.createAccount({ name: 'Token channel' })
      const before = (await env.db.accounts.listAccounts(env.a.workspaceId)).length
      const refused = await app.inject({
        method: 'POST',
        url: '/v1/accounts/telegram/token',
        headers: bearer(env.a.keys.owner),
        payload: {
          accessToken: '123456:not-a-real-token',
          externalAccountId: bot.externalAccountId,
        },
      })
      expect(refused.statusCode).toBe(422)
      expect(refused.json().error.details.kind).toMatch(/^auth_/)
      expect(refused.body).not.toContain('not-a-real-token')
      expect((await env.db.accounts.listAccounts(env.a.workspaceId)).length).toBe(before)
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/v1/accounts/telegram/token',
            headers: bearer(env.a.keys.editor),
            payload: bot,
          })
        ).statusCode,
      ).toBe(403)

      const ok = await app.inject({
        method: 'POST',
        url: '/v1/accounts/telegram/token',
        headers: bearer(env.a.keys.owner),
        payload: bot,
      })
      expect(ok.statusCode, ok.body).toBe(201)
      expect(ok.json().account).toMatchObject({
        platform: 'telegram',
        displayName: 'Token channel',
        status: 'active',
      })
      expect(ok.body).not.toContain(bot.accessToken)
      const stored = await env.db.accounts.getAccountAuth(ok.json().account.id)
      expect(stored.accessToken).toBe(bot.accessToken)

      const number = wa.createAccount({ name: 'Acme' })
      const waOk = await app.inject({
        method: 'POST',
        url: '/v1/accounts/whatsapp/token',
        headers: bearer(env.a.keys.owner),
        payload: number,
      })
      expect(waOk.statusCode, waOk.body).toBe(201)
      expect(waOk.json().account).toMatchObject({ platform: 'whatsapp', displayName: 'Acme' })

      const oauthOnly = await app.inject({
        method: 'POST',
        url: '/v1/accounts/linkedin/token',
        headers: bearer(env.a.keys.owner),
        payload: number,
      })
      expect(oauthOnly.statusCode).toBe(422)
    } finally {
      await app.close()
      await tg.close()
      await wa.close()
    }
  })
})
