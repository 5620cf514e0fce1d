import { describe, expect, it } from 'vitest'
import { ApiError, ERROR_DEFINITIONS, ERRORS } from '../src/errors.js'

describe('error registry', () => {
  it('has unique codes', () => {
    const codes = ERROR_DEFINITIONS.map((d) => d.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(Object.keys(ERRORS)).toHaveLength(codes.length)
  })

  it('uses SCREAMING_SNAKE codes, error statuses and a message for each', () => {
    for (const d of ERROR_DEFINITIONS) {
      expect(d.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/)
      expect(d.status).toBeGreaterThanOrEqual(400)
      expect(d.status).toBeLessThan(600)
      expect(d.message.length).toBeGreaterThan(0)
    }
  })

  it('gives an ApiError the status and default message of its code', () => {
    const error = new ApiError('NOT_FOUND', { details: { id: 'p_1' } })
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      message: ERRORS.NOT_FOUND.message,
      details: { id: 'p_1' },
    })
  })
})
