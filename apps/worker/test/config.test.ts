import { ConfigError } from '@statex/providers'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { TEST_ENCRYPTION_KEYS } from './support.js'

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('loadConfig accepted the environment')
}

describe('loadConfig', () => {
  it('applies the defaults and freezes the result', () => {
    const config = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/statex',
      queuePrefix: 'statex',
      concurrency: 5,
      logLevel: 'info',
      platforms: { telegram: {}, whatsapp: {} },
    })
    expect(config.keyring.activeKeyId).toBe('test')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads every variable', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://cache:6380/2',
      DATABASE_URL: 'postgresql://app@db/prod',
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      QUEUE_PREFIX: 'statex-eu',
      WORKER_CONCURRENCY: '20',
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/2',
      LOG_LEVEL: 'warn',
      TELEGRAM_WEBHOOK_SECRET: 'tg-secret',
    })
    expect(config).toMatchObject({
      redisUrl: 'redis://cache:6380/2',
      databaseUrl: 'postgresql://app@db/prod',
      queuePrefix: 'statex-eu',
      concurrency: 20,
      sentryDsn: 'https://abc@o1.ingest.sentry.io/2',
      logLevel: 'warn',
      platforms: { telegram: { webhookSecret: 'tg-secret' } },
    })
  })

  it('says the encryption keys are required', () => {
    expect(configError({ STATEX_ENCRYPTION_KEYS: '' }).issues).toEqual([
      { variable: 'STATEX_ENCRYPTION_KEYS', message: expect.stringContaining('is required') },
    ])
  })

  it('reports every problem at once', () => {
    const error = configError({
      REDIS_URL: 'localhost:6379',
      QUEUE_PREFIX: 'has:colon',
      WORKER_CONCURRENCY: '0',
      STATEX_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0',
      WHATSAPP_APP_SECRET: 'half',
    })
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'QUEUE_PREFIX',
      'REDIS_URL',
      'STATEX_ENCRYPTION_KEYS',
      'WHATSAPP_VERIFY_TOKEN',
      'WORKER_CONCURRENCY',
    ])
    expect(error.message).not.toContain('dG9vIHNob3J0')
  })
})
