import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from '../src/index.js'

const NOW = Date.parse('2026-11-25T10:00:00Z')

describe('parseRetryAfter', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }), NOW)).toBe(7000)
    expect(parseRetryAfter({ 'Retry-After': 'Wed, 25 Nov 2026 10:00:30 GMT' }, NOW)).toBe(30_000)
    expect(parseRetryAfter({ 'retry-after': 'Wed, 25 Nov 2026 09:00:00 GMT' }, NOW)).toBe(0)
  })

  it('never comes out short of an epoch-second reset when read a few ms after it was written', () => {
    const reset = String(NOW / 1000 + 7)
    const headers = { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset }
    expect(parseRetryAfter(headers, NOW + 1)).toBe(7000)
    expect(parseRetryAfter(headers, NOW + 999)).toBe(7000)
    expect(parseRetryAfter(headers, NOW + 1000)).toBe(6000)
  })

  it('reads X’s x-rate-limit-reset as epoch seconds when the window is spent', () => {
    const reset = String(NOW / 1000 + 90)
    expect(
      parseRetryAfter({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset }, NOW),
    ).toBe(90_000)
    // Requests remain: the reset time is not a reason to wait.
    expect(
      parseRetryAfter({ 'x-rate-limit-remaining': '12', 'x-rate-limit-reset': reset }, NOW),
    ).toBeUndefined()
    expect(
      parseRetryAfter(
        {
          'x-user-limit-24hour-remaining': '0',
          'x-user-limit-24hour-reset': String(NOW / 1000 + 3600),
        },
        NOW,
      ),
    ).toBe(3_600_000)
  })

  it('reads RateLimit-Reset as a delta or an epoch', () => {
    expect(parseRetryAfter({ 'ratelimit-reset': '12' }, NOW)).toBe(12_000)
    expect(parseRetryAfter({ 'x-ratelimit-reset': String(NOW / 1000 + 5) }, NOW)).toBe(5000)
  })

  it('reads Meta’s estimated_time_to_regain_access in minutes, taking the largest', () => {
    const usage = JSON.stringify({
      '1234': [
        {
          type: 'whatsapp',
          call_count: 100,
          total_cputime: 10,
          total_time: 10,
          estimated_time_to_regain_access: 2,
        },
        { type: 'pages', call_count: 50, estimated_time_to_regain_access: 0 },
      ],
    })
    expect(parseRetryAfter({ 'x-business-use-case-usage': usage }, NOW)).toBe(120_000)
    expect(
      parseRetryAfter({ 'x-app-usage': '{"call_count":100,"total_time":20}' }, NOW),
    ).toBeUndefined()
    expect(parseRetryAfter({ 'x-business-use-case-usage': 'not json' }, NOW)).toBeUndefined()
  })

  it('prefers Retry-After and returns undefined when there is no signal', () => {
    expect(parseRetryAfter({ 'retry-after': '3', 'ratelimit-reset': '60' }, NOW)).toBe(3000)
    expect(parseRetryAfter(new Headers(), NOW)).toBeUndefined()
    expect(parseRetryAfter({ 'retry-after': 'soon' }, NOW)).toBeUndefined()
  })
})
