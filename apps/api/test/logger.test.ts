import { describe, expect, it } from 'vitest'
import { redactUrl } from '../src/logger.js'

describe('redactUrl', () => {
  it.each([
    [
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42',
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=42',
    ],
    ['/oauth/callback?code=AQT-123&state=xyz', '/oauth/callback?code=[redacted]&state=xyz'],
    [
      '/x?access_token=EAAG&api_key=k&client_secret=c&signature=s',
      '/x?access_token=[redacted]&api_key=[redacted]&client_secret=[redacted]&signature=[redacted]',
    ],
    ['/x?hub%2Everify_token=s3cret', '/x?hub%2Everify_token=[redacted]'],
    ['/v1/platforms', '/v1/platforms'],
    ['/v1/posts?limit=10&cursor=abc&flag', '/v1/posts?limit=10&cursor=abc&flag'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})
