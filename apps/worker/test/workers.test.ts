import { describe, expect, it } from 'vitest'
import { backoffDelayMs } from '../src/error-policy.js'
import { jitteredBackoff } from '../src/workers.js'

describe('jitteredBackoff', () => {
  it('stays within ±20 % of the error policy backoff, attempt by attempt', () => {
    for (const attemptsMade of [1, 2, 3, 6]) {
      const base = backoffDelayMs(attemptsMade - 1)
      expect(jitteredBackoff(attemptsMade, () => 0)).toBe(Math.round(base * 0.8))
      expect(jitteredBackoff(attemptsMade, () => 0.5)).toBe(base)
      expect(jitteredBackoff(attemptsMade, () => 0.999999)).toBeLessThanOrEqual(
        Math.round(base * 1.2),
      )
    }
  })
})
