import { describe, expect, it } from 'vitest'
import { clientAddress } from '../src/server/client-address'

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff })

describe('the client address the dashboard tells the API', () => {
  it('is the socket address Next.js records when the dashboard is reached directly', () => {
    expect(clientAddress(headers('203.0.113.9'), 0)).toBe('203.0.113.9')
    expect(clientAddress(headers(), 0)).toBeUndefined()
  })

  it('is what the outermost trusted proxy saw, whatever the client put before it', () => {
    // A client's own "1.1.1.1", then nginx appended the real address, then an inner proxy its own.
    expect(clientAddress(headers('1.1.1.1, 203.0.113.9'), 1)).toBe('203.0.113.9')
    expect(clientAddress(headers('1.1.1.1, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9')
    expect(clientAddress(headers('203.0.113.9'), 3)).toBe('203.0.113.9')
  })
})
