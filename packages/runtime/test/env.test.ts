import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { loadServiceEnv, withDefault } from '../src/env.js'
import { configErrorFrom } from '../src/testing.js'

/** A well-formed keyring for tests: 32 zero bytes. Never a real key. */
const TEST_ENCRYPTION_KEYS = `test:${Buffer.alloc(32).toString('base64')}`

const appSchema = z.object({ NAME: withDefault(z.string().min(2, 'is too short'), 'app') })
const load = (env: Record<string, string | undefined>) => loadServiceEnv(env, appSchema)

describe('loadServiceEnv', () => {
  it('applies the documented defaults, the app schema included', () => {
    const { app, settings } = load({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, NAME: ' ' })
    expect(app).toEqual({ NAME: 'app' })
    expect(settings).toMatchObject({
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/statex',
      redisUrl: 'redis://127.0.0.1:6379',
      logLevel: 'info',
      platforms: { telegram: {}, whatsapp: {} },
    })
    expect(settings.sentryDsn).toBeUndefined()
    expect(settings.keyring.activeKeyId).toBe('test')
  })

  it('reads every shared variable', () => {
    const { settings } = load({
      DATABASE_URL: 'postgres://app@db:5432/prod',
      REDIS_URL: 'rediss://cache:6380',
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/2',
      LOG_LEVEL: 'debug',
      STATEX_SANDBOX_URL: 'http://127.0.0.1:4100',
    })
    expect(settings).toMatchObject({
      databaseUrl: 'postgres://app@db:5432/prod',
      redisUrl: 'rediss://cache:6380',
      sentryDsn: 'https://abc@o1.ingest.sentry.io/2',
      logLevel: 'debug',
      platforms: { sandboxUrl: 'http://127.0.0.1:4100' },
    })
  })

  it('says clearly that the encryption keys are required and how to make one', () => {
    for (const env of [{}, { STATEX_ENCRYPTION_KEYS: '' }]) {
      expect(configErrorFrom(() => load(env)).issues).toEqual([
        {
          variable: 'STATEX_ENCRYPTION_KEYS',
          message: expect.stringMatching(/^is required: .*openssl rand -base64 32/),
        },
      ])
    }
  })

  it('reports every problem at once: app, shared, keyring and platform settings', () => {
    const error = configErrorFrom(() =>
      load({
        NAME: 'x',
        DATABASE_URL: 'mysql://root@localhost/statex',
        REDIS_URL: 'http://cache',
        SENTRY_DSN: 'not a url',
        LOG_LEVEL: 'loud',
        STATEX_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0',
        WHATSAPP_API_VERSION: 'latest',
      }),
    )
    expect(error.issues.map((i) => i.variable)).toEqual([
      'NAME',
      'DATABASE_URL',
      'REDIS_URL',
      'SENTRY_DSN',
      'LOG_LEVEL',
      'WHATSAPP_API_VERSION',
      'STATEX_ENCRYPTION_KEYS',
    ])
    expect(error.message).not.toContain('dG9vIHNob3J0')
  })

  it('lists each keyring problem without echoing key material', () => {
    const error = configErrorFrom(() =>
      load({
        STATEX_ENCRYPTION_KEYS: 'k1:c2hvcnQ=,nocolon',
        TELEGRAM_WEBHOOK_SECRET: 'bad secret',
      }),
    )
    const variables = error.issues.map((i) => i.variable)
    expect(variables.filter((v) => v === 'STATEX_ENCRYPTION_KEYS')).toHaveLength(2)
    expect(variables).toContain('TELEGRAM_WEBHOOK_SECRET')
    expect(error.message).not.toContain('c2hvcnQ=')
  })
})
