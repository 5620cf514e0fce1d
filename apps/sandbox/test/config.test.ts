import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, SANDBOX_DEFAULTS } from '../src/config.js'

describe('loadConfig', () => {
  it('has sandbox defaults and is frozen', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      apiUrl: 'http://127.0.0.1:4000',
      whatsappAppSecret: SANDBOX_DEFAULTS.whatsappAppSecret,
      telegramWebhookSecret: SANDBOX_DEFAULTS.telegramWebhookSecret,
      defaultSecrets: { whatsappAppSecret: true, telegramWebhookSecret: true },
    })
    expect(config.statePath).toBeUndefined()
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads the environment, trims the API URL and treats empty values as unset', () => {
    const config = loadConfig({
      SANDBOX_PORT: '5050',
      HOST: '0.0.0.0',
      STATEX_API_URL: 'http://api.local:8080/',
      WHATSAPP_APP_SECRET: 'custom',
      TELEGRAM_WEBHOOK_SECRET: '',
      SANDBOX_STATE: '/tmp/sandbox.json',
    })
    expect(config).toMatchObject({
      port: 5050,
      host: '0.0.0.0',
      apiUrl: 'http://api.local:8080',
      statePath: '/tmp/sandbox.json',
    })
    expect(config.defaultSecrets).toEqual({ whatsappAppSecret: false, telegramWebhookSecret: true })
  })

  it('reports every problem at once', () => {
    let error: unknown
    try {
      loadConfig({
        SANDBOX_PORT: 'abc',
        STATEX_API_URL: 'ftp://x',
        TELEGRAM_WEBHOOK_SECRET: 'has spaces!',
      })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const problems = (error as ConfigError).problems.join('\n')
    expect(problems).toContain('SANDBOX_PORT')
    expect(problems).toContain('STATEX_API_URL')
    expect(problems).toContain('TELEGRAM_WEBHOOK_SECRET')
  })
})
