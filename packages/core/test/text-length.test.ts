import { describe, expect, it } from 'vitest'
import { countText, fittingLength } from '../src/index.js'

describe('fittingLength', () => {
  it('is the whole text when it fits', () => {
    expect(fittingLength('hello', 'twitter-weighted', 280)).toBe(5)
  })

  it('stops X text where the weighted count reaches the limit, links counting 23', () => {
    // 250 + 1 + 23 (the link) + 1 = 275: five of the b's still fit.
    const text = `${'a'.repeat(250)} https://example.com/${'p'.repeat(60)} ${'b'.repeat(20)}`
    const fits = fittingLength(text, 'twitter-weighted', 280)
    expect(text.slice(fits)).toBe('b'.repeat(15))
    expect(countText(text.slice(0, fits), 'twitter-weighted')).toBe(280)
  })

  it('keeps emoji whole in every counting', () => {
    const text = `ab ${'😀'.repeat(140)}`
    expect(fittingLength(text, 'twitter-weighted', 280)).toBe(3 + 138 * 2)
    expect(fittingLength(text, 'code-points', 10)).toBe(3 + 7 * 2)
    expect(fittingLength(text, 'utf16', 10)).toBe(9)
  })
})
