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
  it('applies the documented defaults and freezes the result', () => {
    const config = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/statex',
      redisUrl: 'redis://127.0.0.1:6379',
      logLevel: 'info',
      platforms: { telegram: {}, whatsapp: {} },
    })
    expect(config.sentryDsn).toBeUndefined()
    expect(config.keyring.activeKeyId).toBe('test')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app@db:5432/prod',
      REDIS_URL: 'rediss://cache:6380',
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/2',
      LOG_LEVEL: 'debug',
      STATEX_SANDBOX_URL: 'http://127.0.0.1:4100',
    })
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://app@db:5432/prod',
      redisUrl: 'rediss://cache:6380',
      sentryDsn: 'https://abc@o1.ingest.sentry.io/2',
      logLevel: 'debug',
      platforms: { sandboxUrl: 'http://127.0.0.1:4100' },
    })
  })

  it('says clearly that the encryption keys are required and how to make one', () => {
    const error = configError({})
    expect(error.issues).toEqual([
      {
        variable: 'STATEX_ENCRYPTION_KEYS',
        message: expect.stringContaining('openssl rand -base64 32'),
      },
    ])
  })

  it('reports every problem at once: app, keyring and platform settings', () => {
    const error = configError({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root@localhost/statex',
      REDIS_URL: 'http://cache',
      LOG_LEVEL: 'loud',
      STATEX_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0',
      WHATSAPP_API_VERSION: 'latest',
    })
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
      'STATEX_ENCRYPTION_KEYS',
      'WHATSAPP_API_VERSION',
    ])
  })

  it('lists each keyring problem without echoing key material', () => {
    const error = configError({
      STATEX_ENCRYPTION_KEYS: 'k1:c2hvcnQ=,nocolon',
      TELEGRAM_WEBHOOK_SECRET: 'bad secret',
    })
    const variables = error.issues.map((i) => i.variable)
    expect(variables.filter((v) => v === 'STATEX_ENCRYPTION_KEYS')).toHaveLength(2)
    expect(variables).toContain('TELEGRAM_WEBHOOK_SECRET')
    expect(error.message).not.toContain('c2hvcnQ=')
  })
})
