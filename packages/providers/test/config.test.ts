import { describe, expect, it } from 'vitest'
import { ConfigError, loadPlatformConfig } from '../src/index.js'

describe('loadPlatformConfig', () => {
  it('reads every platform setting and freezes the result', () => {
    const config = loadPlatformConfig({
      STATEX_SANDBOX_URL: 'http://127.0.0.1:4100/',
      TELEGRAM_WEBHOOK_SECRET: 'tg_secret-1',
      WHATSAPP_APP_SECRET: 'app-secret',
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
      WHATSAPP_API_VERSION: 'v23.0',
      TWITTER_CLIENT_ID: 'x-id',
      LINKEDIN_CLIENT_ID: 'li-id',
      LINKEDIN_CLIENT_SECRET: 'li-secret',
      LINKEDIN_API_VERSION: '202611',
    })
    expect(config).toEqual({
      sandboxUrl: 'http://127.0.0.1:4100',
      telegram: { webhookSecret: 'tg_secret-1' },
      whatsapp: { appSecret: 'app-secret', verifyToken: 'verify-me', apiVersion: 'v23.0' },
      facebook: {},
      instagram: {},
      twitter: { clientId: 'x-id', clientSecret: undefined },
      linkedin: { clientId: 'li-id', clientSecret: 'li-secret', apiVersion: '202611' },
    })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.whatsapp)).toBe(true)
  })

  it('treats empty variables as unset', () => {
    const config = loadPlatformConfig({ STATEX_SANDBOX_URL: '', TELEGRAM_WEBHOOK_SECRET: ' ' })
    expect(config.sandboxUrl).toBeUndefined()
    expect(config.telegram.webhookSecret).toBeUndefined()
  })

  it('reports every problem at once, by variable, without echoing values', () => {
    let error: unknown
    try {
      loadPlatformConfig({
        STATEX_SANDBOX_URL: 'ftp://sandbox',
        TELEGRAM_WEBHOOK_SECRET: 'has spaces and $ymbols',
        WHATSAPP_APP_SECRET: 'only-half-of-whatsapp',
        WHATSAPP_API_VERSION: '23',
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const { issues, message } = error as ConfigError
    expect(issues.map((i) => i.variable).sort()).toEqual([
      'STATEX_SANDBOX_URL',
      'TELEGRAM_WEBHOOK_SECRET',
      'WHATSAPP_API_VERSION',
      'WHATSAPP_VERIFY_TOKEN',
    ])
    expect(message).not.toContain('only-half-of-whatsapp')
    expect(message).not.toContain('$ymbols')
  })

  it('wants both LinkedIn credentials, and an X client id with its secret', () => {
    expect(() => loadPlatformConfig({ LINKEDIN_CLIENT_ID: 'x' })).toThrow(
      /LINKEDIN_CLIENT_SECRET: is required/,
    )
    expect(() => loadPlatformConfig({ TWITTER_CLIENT_SECRET: 'x' })).toThrow(
      /TWITTER_CLIENT_ID: is required/,
    )
    expect(() => loadPlatformConfig({ LINKEDIN_API_VERSION: '2026-11' })).toThrow(/YYYYMM/)
  })

  it('requires the WhatsApp app secret when only the verify token is set', () => {
    expect(() => loadPlatformConfig({ WHATSAPP_VERIFY_TOKEN: 'x' })).toThrow(
      /WHATSAPP_APP_SECRET: is required/,
    )
  })
})

describe('Meta apps', () => {
  it('reads the Facebook and Instagram apps', () => {
    const config = loadPlatformConfig({
      FACEBOOK_APP_ID: '123',
      FACEBOOK_APP_SECRET: 'fs',
      FACEBOOK_VERIFY_TOKEN: 'fv',
      FACEBOOK_API_VERSION: 'v24.0',
      INSTAGRAM_APP_ID: '456',
      INSTAGRAM_APP_SECRET: 'is',
      INSTAGRAM_VERIFY_TOKEN: 'iv',
    })
    expect(config.facebook).toEqual({
      appId: '123',
      appSecret: 'fs',
      verifyToken: 'fv',
      apiVersion: 'v24.0',
    })
    expect(config.instagram).toMatchObject({ appId: '456', appSecret: 'is', verifyToken: 'iv' })
  })

  it('refuses half a Meta app, naming what is missing', () => {
    let error: unknown
    try {
      loadPlatformConfig({ FACEBOOK_APP_SECRET: 'fs', INSTAGRAM_APP_ID: 'not-a-number' })
    } catch (e) {
      error = e
    }
    const variables = (error as ConfigError).issues.map((i) => i.variable).sort()
    expect(variables).toEqual(
      expect.arrayContaining([
        'FACEBOOK_APP_ID',
        'FACEBOOK_VERIFY_TOKEN',
        'INSTAGRAM_APP_ID',
        'INSTAGRAM_APP_SECRET',
        'INSTAGRAM_VERIFY_TOKEN',
      ]),
    )
  })
})
