import { describe, expect, it } from 'vitest'
import { ProviderError } from '../src/index.js'
import {
  basicAuthorization,
  comparableText,
  parseTokenResponse,
  sameContent,
  withPublishProgress,
} from '../src/adapter.js'

describe('parseTokenResponse', () => {
  it('turns lifetimes into dates and splits scopes on spaces or commas', () => {
    const now = Date.UTC(2026, 0, 1)
    expect(
      parseTokenResponse(
        {
          access_token: 'a',
          expires_in: 5184000,
          refresh_token: 'r',
          refresh_token_expires_in: 31536000,
          scope: 'w_member_social,r_organization_social',
        },
        now,
      ),
    ).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: new Date(now + 5184000_000),
      refreshTokenExpiresAt: new Date(now + 31536000_000),
      scopes: ['w_member_social', 'r_organization_social'],
    })
    expect(parseTokenResponse({ token_type: 'bearer' })).toBeUndefined()
  })
})

describe('basicAuthorization', () => {
  it('form-encodes both parts first (RFC 6749 §2.3.1)', () => {
    expect(basicAuthorization('id:1', 'a b')).toBe(
      `Basic ${Buffer.from('id%3A1:a+b').toString('base64')}`,
    )
  })
})

describe('sameContent', () => {
  it('ignores link rewriting, entities and whitespace, not words', () => {
    expect(
      sameContent('Fish &amp; chips\n\nhttps://t.co/abc', 'Fish & chips https://example.com/x'),
    ).toBe(true)
    expect(sameContent('Fish & chips', 'Fish & ships')).toBe(false)
    expect(comparableText('  a\n b ')).toBe('a b')
  })
})

describe('withPublishProgress', () => {
  it('keeps the failure and adds what already landed; leaves an error without progress alone', () => {
    const error = new ProviderError({
      kind: 'transient',
      platform: 'twitter',
      message: 'X failed.',
    })
    const wrapped = withPublishProgress(error, { parts: ['1'] }, 1) as ProviderError
    expect(wrapped.progress).toEqual({ parts: ['1'] })
    expect(wrapped.kind).toBe('transient')
    expect(wrapped.message).toContain('1 part(s) were already published')
    expect(withPublishProgress(error, {}, 0)).toBe(error)
  })
})
