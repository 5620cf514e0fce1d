import { configErrorFrom } from '@statex/runtime/testing'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { TEST_ENCRYPTION_KEYS } from './support.js'

describe('loadConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const config = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })
    expect(config).toMatchObject({ port: 4000, host: '0.0.0.0', logLevel: 'info' })
    expect(config.keyring.activeKeyId).toBe('test')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads its own variables beside the shared ones', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'debug',
    })
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', logLevel: 'debug' })
  })

  it('sends OAuth consent back to its own base when one is given, else to the public URL', () => {
    const plain = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, PORT: '4100' })
    expect(plain.publicUrl).toBe('http://localhost:4100')
    expect(plain.oauthCallbackBaseUrl).toBeUndefined()
    const viaDashboard = loadConfig({
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      STATEX_OAUTH_CALLBACK_BASE_URL: 'http://localhost:3000/api/',
    })
    expect(viaDashboard.oauthCallbackBaseUrl).toBe('http://localhost:3000/api')
    const error = configErrorFrom(() =>
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        STATEX_OAUTH_CALLBACK_BASE_URL: 'dashboard',
      }),
    )
    expect(error.issues.map((i) => i.variable)).toEqual(['STATEX_OAUTH_CALLBACK_BASE_URL'])
  })

  it('believes X-Forwarded-For only from the proxies it names, and says how to write them', () => {
    const plain = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS })
    expect(plain.trustedProxies).toEqual([])
    // The default is a list too (it was the bare string, which CORS spread into characters).
    expect(plain.corsOrigins).toEqual(['http://localhost:3000'])
    const config = loadConfig({
      STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      TRUSTED_PROXIES: ' 127.0.0.1, 10.0.0.0/8,::1 ',
    })
    expect(config.trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1'])
    const error = configErrorFrom(() =>
      loadConfig({
        STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
        TRUSTED_PROXIES: 'dashboard,10.0.0.0/33',
      }),
    )
    expect(error.issues.map((i) => i.variable)).toEqual(['TRUSTED_PROXIES.0', 'TRUSTED_PROXIES.1'])
    expect(error.message).toContain('must be comma-separated IPs or CIDRs')
  })

  it('turns sign-up off with SIGNUP_ENABLED, on by default, and says which values it takes', () => {
    const keys = { STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS }
    expect(loadConfig(keys).signUpEnabled).toBe(true)
    expect(loadConfig({ ...keys, SIGNUP_ENABLED: '' }).signUpEnabled).toBe(true)
    for (const [value, enabled] of [
      ['false', false],
      ['0', false],
      ['true', true],
      ['1', true],
    ] as const)
      expect(loadConfig({ ...keys, SIGNUP_ENABLED: value }).signUpEnabled).toBe(enabled)
    const error = configErrorFrom(() => loadConfig({ ...keys, SIGNUP_ENABLED: 'no' }))
    expect(error.issues.map((i) => i.variable)).toEqual(['SIGNUP_ENABLED'])
    expect(error.message).toContain('must be true or false (or 1 or 0)')
  })

  it('reports every problem at once: app, keyring and platform settings', () => {
    const error = configErrorFrom(() =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root@localhost/statex',
        REDIS_URL: 'http://cache',
        LOG_LEVEL: 'loud',
        STATEX_ENCRYPTION_KEYS: 'k1:dG9vIHNob3J0',
        WHATSAPP_API_VERSION: 'latest',
      }),
    )
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
      'STATEX_ENCRYPTION_KEYS',
      'WHATSAPP_API_VERSION',
    ])
  })
})
