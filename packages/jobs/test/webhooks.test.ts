import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from '../src/index.js'

describe('outgoing webhook signatures', () => {
  const secret = 'whsec_test'
  const body = '{"type":"post.published"}'
  const now = 1_800_000_000_000
  const timestamp = now / 1000

  it('verifies what it signed, over the exact body and timestamp', () => {
    const signature = signWebhook(secret, timestamp, body)
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/)
    expect(verifyWebhook({ secret, body, timestamp: String(timestamp), signature, now })).toBe(true)
  })

  it('refuses another body, another secret, a moved timestamp and an old replay', () => {
    const signature = signWebhook(secret, timestamp, body)
    expect(
      verifyWebhook({ secret, body: `${body} `, timestamp: String(timestamp), signature, now }),
    ).toBe(false)
    expect(
      verifyWebhook({ secret: 'other', body, timestamp: String(timestamp), signature, now }),
    ).toBe(false)
    expect(verifyWebhook({ secret, body, timestamp: String(timestamp + 1), signature, now })).toBe(
      false,
    )
    expect(
      verifyWebhook({ secret, body, timestamp: String(timestamp), signature, now: now + 301_000 }),
    ).toBe(false)
    expect(verifyWebhook({ secret, body, timestamp: undefined, signature, now })).toBe(false)
  })
})
