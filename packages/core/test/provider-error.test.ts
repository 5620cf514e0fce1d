import { describe, expect, it } from 'vitest'
import { ProviderError, redactSecrets } from '../src/index.js'

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'

describe('ProviderError', () => {
  it('carries what the caller decides on, with safe defaults', () => {
    const error = new ProviderError({
      kind: 'rate_limited',
      platform: 'twitter',
      message: 'Slow down',
      retryAfterMs: 1500.2,
      status: 429,
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ProviderError')
    expect(error.outcome).toBe('not_sent')
    expect(error.retryAfterMs).toBe(1501)
    expect(error.retryable).toBe(true)
    expect(ProviderError.is(error)).toBe(true)
    expect(ProviderError.is(new Error('x'))).toBe(false)
  })

  it('is not retryable when the platform may have acted, or when it refused the content', () => {
    expect(
      new ProviderError({
        kind: 'transient',
        platform: 'telegram',
        message: 'm',
        outcome: 'unknown',
      }).retryable,
    ).toBe(false)
    expect(
      new ProviderError({ kind: 'invalid_request', platform: 'telegram', message: 'm' }).retryable,
    ).toBe(false)
    expect(
      new ProviderError({ kind: 'auth_expired', platform: 'telegram', message: 'm' }).retryable,
    ).toBe(false)
  })

  it('keeps tokens out of its message, its JSON and its string form', () => {
    const error = new ProviderError({
      kind: 'transient',
      platform: 'telegram',
      message: `POST https://api.telegram.org/bot${BOT_TOKEN}/sendMessage failed`,
      platformMessage: `Unauthorized for access_token=EAAG-secret-value`,
      request: {
        url: `https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`,
        headers: { authorization: 'Bearer abc.def' },
      },
      response: { body: 'raw' },
      secrets: ['EAAG-secret-value'],
    })
    for (const surface of [
      error.message,
      error.platformMessage!,
      JSON.stringify(error),
      String(error),
      error.stack!,
    ]) {
      expect(surface).not.toContain(BOT_TOKEN)
      expect(surface).not.toContain('EAAG-secret-value')
      expect(surface).not.toContain('abc.def')
    }
    // The raw exchange stays reachable for debugging, but not enumerable.
    expect((error.request as { url: string }).url).toContain(BOT_TOKEN)
    expect(Object.keys(error)).not.toContain('request')
    expect(Object.keys(error)).not.toContain('response')
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ProviderError',
      kind: 'transient',
      platform: 'telegram',
      outcome: 'not_sent',
      message: 'POST https://api.telegram.org/bot<redacted>/sendMessage failed',
      platformMessage: 'Unauthorized for access_token=<redacted>',
    })
  })

  it('keeps the cause for debugging', () => {
    const cause = new Error('ECONNRESET')
    expect(
      new ProviderError({ kind: 'transient', platform: 'whatsapp', message: 'm', cause }).cause,
    ).toBe(cause)
  })
})

describe('redactSecrets', () => {
  it('scrubs exact secrets and known token shapes', () => {
    expect(redactSecrets('token s3cr3t-value here', ['s3cr3t-value'])).toBe('token <redacted> here')
    expect(redactSecrets('Authorization: Bearer EAAB.xyz-123')).toBe(
      'Authorization: Bearer <redacted>',
    )
    expect(redactSecrets(`${BOT_TOKEN} leaked`)).toBe('<redacted> leaked')
    expect(redactSecrets('?client_secret=abc&x=1')).toBe('?client_secret=<redacted>&x=1')
  })

  it('ignores secrets too short to be meaningful rather than shredding the text', () => {
    expect(redactSecrets('a b c', ['a'])).toBe('a b c')
  })
})
