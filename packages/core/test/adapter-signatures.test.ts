import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { headerValue, hmacSha256, safeEqual, verifyHmacSignature } from '../src/adapter.js'

const secret = 'app-secret'
const body = '{"entry":[{"text":"héllo  wörld"}]}\n'

describe('webhook signatures', () => {
  it('verifies Meta-style hex signatures over the raw bytes', () => {
    const signature = `sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`
    expect(verifyHmacSignature({ secret, rawBody: body, signature, encoding: 'hex' })).toBe(true)
    expect(
      verifyHmacSignature({
        secret,
        rawBody: new TextEncoder().encode(body),
        signature,
        encoding: 'hex',
      }),
    ).toBe(true)
    expect(
      verifyHmacSignature({
        secret,
        rawBody: body,
        signature: signature.toUpperCase().replace('SHA256=', 'sha256='),
        encoding: 'hex',
      }),
    ).toBe(true)
    // Re-serialised JSON is not the same bytes.
    expect(
      verifyHmacSignature({
        secret,
        rawBody: JSON.stringify(JSON.parse(body)),
        signature,
        encoding: 'hex',
      }),
    ).toBe(false)
    expect(
      verifyHmacSignature({ secret: 'other', rawBody: body, signature, encoding: 'hex' }),
    ).toBe(false)
    expect(
      verifyHmacSignature({ secret, rawBody: body, signature: undefined, encoding: 'hex' }),
    ).toBe(false)
    expect(
      verifyHmacSignature({
        secret,
        rawBody: body,
        signature: signature.slice(7),
        encoding: 'hex',
      }),
    ).toBe(false)
  })

  it('verifies X-style base64 signatures', () => {
    const signature = `sha256=${hmacSha256(secret, body, 'base64')}`
    expect(verifyHmacSignature({ secret, rawBody: body, signature, encoding: 'base64' })).toBe(true)
    expect(
      verifyHmacSignature({ secret, rawBody: body + ' ', signature, encoding: 'base64' }),
    ).toBe(false)
  })

  it('compares strings of different lengths without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true)
    expect(safeEqual('abc', 'abcd')).toBe(false)
    expect(safeEqual('', 'a')).toBe(false)
  })

  it('reads headers case-insensitively from plain objects', () => {
    expect(headerValue({ 'X-Hub-Signature-256': 'sha256=1' }, 'x-hub-signature-256')).toBe(
      'sha256=1',
    )
    expect(headerValue({ a: ['1', '2'] }, 'A')).toBe('1')
    expect(headerValue({}, 'a')).toBeUndefined()
  })
})
