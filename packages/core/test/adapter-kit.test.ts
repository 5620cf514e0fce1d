import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ProviderError } from '../src/index.js'
import {
  basicAuthorization,
  classifyTokenError,
  decodeCursor,
  downloadMedia,
  encodeCursor,
  comparableText,
  parseResponse,
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

describe('encodeCursor / decodeCursor', () => {
  const isState = (v: unknown): v is { n: number } => typeof (v as { n?: unknown })?.n === 'number'
  it('round-trips, starts from the initial state, and refuses a foreign cursor', () => {
    expect(decodeCursor('twitter', encodeCursor({ n: 3 }), { n: 0 }, isState)).toEqual({ n: 3 })
    expect(decodeCursor('twitter', undefined, { n: 0 }, isState)).toEqual({ n: 0 })
    expect(() => decodeCursor('twitter', 'not-ours', { n: 0 }, isState)).toThrow(
      /not one listInteractions returned/,
    )
  })
})

describe('classifyTokenError', () => {
  const answer = (status: number, json: unknown) => ({
    status,
    headers: new Headers(),
    json,
    text: JSON.stringify(json),
  })
  it('a refused refresh is auth_revoked, a refused client a setting, a 5xx transient', () => {
    const refused = answer(400, { error: 'invalid_grant', error_description: 'expired' })
    expect(classifyTokenError('linkedin', refused, { grant: 'refresh_token' }).kind).toBe(
      'auth_revoked',
    )
    expect(classifyTokenError('linkedin', refused, { grant: 'authorization_code' }).kind).toBe(
      'invalid_request',
    )
    expect(
      classifyTokenError('twitter', answer(401, { error: 'invalid_client' }), {
        grant: 'refresh_token',
      }).message,
    ).toMatch(/client id and secret of the X app/)
    expect(classifyTokenError('twitter', answer(503, {}), { grant: 'refresh_token' }).kind).toBe(
      'transient',
    )
  })
})

describe('downloadMedia', () => {
  it('returns the bytes and type, and a failed download is not_sent', async () => {
    const ok: typeof fetch = async () =>
      new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png; x=1' } })
    expect(
      await downloadMedia('twitter', ok, { url: 'https://a.example/p.png', type: 'image' }),
    ).toEqual({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' })
    const refused: typeof fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    }
    const error = await downloadMedia('linkedin', refused, {
      url: 'https://a.example/p.png',
      type: 'image',
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'transient', outcome: 'not_sent' })
    const missing: typeof fetch = async () => new Response('', { status: 404 })
    await expect(
      downloadMedia('linkedin', missing, { url: 'https://a.example/x', type: 'image' }),
    ).rejects.toMatchObject({ kind: 'invalid_request' })
  })
})

describe('parseResponse', () => {
  const schema = z.object({ id: z.string() })
  const answer = (json: unknown) => ({
    status: 200,
    headers: new Headers(),
    json,
    text: JSON.stringify(json),
  })

  it('returns the fields of an answer of the documented shape', () => {
    expect(parseResponse('twitter', answer({ id: '1', extra: true }), schema, () => '')).toEqual({
      id: '1',
    })
  })

  it('throws a transient, outcome-unknown error naming what was expected, secrets scrubbed', () => {
    let error: unknown
    try {
      parseResponse(
        'linkedin',
        answer({ id: 7, token: 'tok-secret' }),
        schema,
        (issue) => `GET /rest/posts with tok-secret did not match: ${issue}`,
        ['tok-secret'],
      )
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ProviderError)
    const e = error as ProviderError
    expect(e.kind).toBe('transient')
    expect(e.outcome).toBe('unknown')
    expect(e.status).toBe(200)
    expect(e.message).toMatch(/did not match: .*expected string/i)
    expect(e.message).not.toContain('tok-secret')
  })
})
