import { configErrorFrom } from '@statex/runtime/testing'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { TEST_ENCRYPTION_KEYS } from './support.js'

describe('loadConfig', () => {
  it('applies the defaults and freezes the result', () => {
    const config = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })
    expect(config).toMatchObject({ queuePrefix: 'statex', concurrency: 5, logLevel: 'info' })
    expect(config.keyring.activeKeyId).toBe('test')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads its own variables beside the shared ones', () => {
    const config = loadConfig({
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      QUEUE_PREFIX: 'statex-eu',
      WORKER_CONCURRENCY: '20',
      TELEGRAM_WEBHOOK_SECRET: 'tg-secret',
    })
    expect(config).toMatchObject({
      queuePrefix: 'statex-eu',
      concurrency: 20,
      platforms: { telegram: { webhookSecret: 'tg-secret' } },
    })
  })

  it('reads the metrics sync window, retention and tick, in days and ms', () => {
    const day = 86_400_000
    expect(loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })).toMatchObject({
      metricsMaxAgeMs: 30 * day,
      metricsRetentionMs: 90 * day,
      metricsIntervalMs: 60_000,
    })
    expect(
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        METRICS_MAX_AGE_DAYS: '7',
        METRICS_RETENTION_DAYS: '365',
        METRICS_INTERVAL_MS: '5000',
      }),
    ).toMatchObject({
      metricsMaxAgeMs: 7 * day,
      metricsRetentionMs: 365 * day,
      metricsIntervalMs: 5_000,
    })
    const error = configErrorFrom(() =>
      loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, METRICS_MAX_AGE_DAYS: '0' }),
    )
    expect(error.issues.map((i) => i.variable)).toEqual(['METRICS_MAX_AGE_DAYS'])
  })

  it('keeps feeds to public addresses and a one-minute tick unless told otherwise', () => {
    expect(loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })).toMatchObject({
      feedsTickMs: 60_000,
      allowPrivateUrls: false,
    })
    expect(
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        FEEDS_TICK_MS: '1000',
        STATEX_ALLOW_PRIVATE_URLS: '1',
      }),
    ).toMatchObject({ feedsTickMs: 1_000, allowPrivateUrls: true })
    const error = configErrorFrom(() =>
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        FEEDS_TICK_MS: '10',
        STATEX_ALLOW_PRIVATE_URLS: 'yes',
      }),
    )
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'FEEDS_TICK_MS',
      'STATEX_ALLOW_PRIVATE_URLS',
    ])
  })

  it('reports every problem at once', () => {
    const error = configErrorFrom(() =>
      loadConfig({
        REDIS_URL: 'localhost:6379',
        QUEUE_PREFIX: 'has:colon',
        WORKER_CONCURRENCY: '0',
        STATEX_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0',
        WHATSAPP_APP_SECRET: 'half',
      }),
    )
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'QUEUE_PREFIX',
      'REDIS_URL',
      'STATEX_ENCRYPTION_KEYS',
      'WHATSAPP_VERIFY_TOKEN',
      'WORKER_CONCURRENCY',
    ])
    expect(error.message).not.toContain('dG9vIHNob3J0')
  })
  it('reads SMTP once: none without SMTP_HOST, and a password without a user is refused unprinted', () => {
    expect(loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }).notifications).toEqual({
      smtp: null,
      webUrl: 'http://localhost:3000',
      digestHour: 8,
    })
    const config = loadConfig({
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'mailer',
      SMTP_PASSWORD: 'smtp-pass-SECRET',
      STATEX_WEB_URL: 'https://app.example.com/',
      DIGEST_HOUR: '7',
    })
    expect(config.notifications).toMatchObject({
      smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'mailer' },
      webUrl: 'https://app.example.com',
      digestHour: 7,
    })
    const error = configErrorFrom(() =>
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        SMTP_HOST: 'smtp.example.com',
        SMTP_PASSWORD: 'smtp-pass-SECRET',
        DIGEST_HOUR: '25',
      }),
    )
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['DIGEST_HOUR', 'SMTP_USER'])
    expect(error.message).not.toContain('smtp-pass-SECRET')
  })
})
