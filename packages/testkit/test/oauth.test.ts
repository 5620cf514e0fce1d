import { describe, expect, it } from 'vitest'
import { redeemCode, redirectWithCode, type CodeGrant } from '../src/simulator.js'

describe('redeemCode', () => {
  const grant: CodeGrant = { clientId: 'c', redirectUri: 'https://app/cb', expiresAt: 1_000 }
  const input = { code: 'k', clientId: 'c', redirectUri: 'https://app/cb', now: 500 }

  it('gives the grant once, then never again', () => {
    const codes = new Map([['k', grant]])
    expect(redeemCode(codes, input)).toBe(grant)
    expect(redeemCode(codes, input)).toBeUndefined()
  })

  it.each([
    ['expired', { now: 1_001 }],
    ['another client', { clientId: 'd' }],
    ['another redirect URI', { redirectUri: 'https://app/other' }],
    ['no code', { code: undefined }],
  ])('refuses a code for %s, and burns it', (_name, change) => {
    const codes = new Map([['k', grant]])
    expect(redeemCode(codes, { ...input, ...change })).toBeUndefined()
    expect(codes.has('k')).toBe('code' in change)
  })
})

describe('redirectWithCode', () => {
  it('returns to the redirect URI with the code, keeping its query and the caller state', () => {
    const answer = redirectWithCode('https://app/cb?x=1', 'abc', 's t')
    expect(answer.status).toBe(302)
    const location = new URL(answer.headers!.location!)
    expect(Object.fromEntries(location.searchParams)).toEqual({ x: '1', code: 'abc', state: 's t' })
  })

  it('adds no state when the request had none', () => {
    const location = new URL(redirectWithCode('https://app/cb', 'abc', null).headers!.location!)
    expect(location.searchParams.has('state')).toBe(false)
  })
})
