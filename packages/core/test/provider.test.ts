import { describe, expect, it } from 'vitest'
import {
  CONTENT_RULES,
  CapabilityMismatchError,
  assertProviderImplements,
  validatePost,
  type SocialProvider,
} from '../src/index.js'

function provider(overrides: Partial<SocialProvider> = {}): SocialProvider {
  return {
    platform: 'telegram',
    capabilities: {
      content: CONTENT_RULES.telegram,
      publishing: 'sync',
      deletes: true,
      metrics: [],
      interactions: { types: ['MESSAGE'], delivery: ['polling'] },
      connection: 'token',
      tokenRefresh: false,
      reconcile: 'none',
    },
    validate: (post) => validatePost(post, CONTENT_RULES.telegram),
    publish: async () => ({ status: 'published', externalId: '1', publishedAt: new Date() }),
    deletePost: async () => undefined,
    listInteractions: async () => ({ items: [] }),
    connectWithToken: async ({ accessToken, externalAccountId }) => ({
      platform: 'telegram',
      externalAccountId,
      displayName: 'Channel',
      tokens: { accessToken },
    }),
    ...overrides,
  }
}

describe('assertProviderImplements', () => {
  it('requires connectWithToken from a provider that connects by token', () => {
    expect(() => assertProviderImplements(provider({ connectWithToken: undefined }))).toThrow(
      /connectWithToken/,
    )
  })

  it('passes a provider that has every method it claims', () => {
    const p = provider()
    expect(assertProviderImplements(p)).toBe(p)
  })

  it('names every missing method at once', () => {
    const p = provider({ deletePost: undefined, listInteractions: undefined })
    expect(() => assertProviderImplements(p)).toThrow(CapabilityMismatchError)
    expect(() => assertProviderImplements(p)).toThrow('deletePost, listInteractions')
  })

  it('requires getPublishStatus for async platforms, oauth methods and webhooks when claimed', () => {
    const base = provider()
    const p = provider({
      capabilities: {
        ...base.capabilities,
        publishing: 'async',
        connection: 'oauth',
        interactions: { types: ['COMMENT'], delivery: ['webhook', 'polling'] },
        tokenRefresh: true,
      },
    })
    expect(() => assertProviderImplements(p)).toThrow(
      'getPublishStatus, getAuthorizationUrl, exchangeCode, refreshToken, webhooks',
    )
  })

  it('requires findPublished when the provider claims it can reconcile', () => {
    const base = provider()
    for (const reconcile of ['exact', 'by-content'] as const) {
      expect(() =>
        assertProviderImplements(provider({ capabilities: { ...base.capabilities, reconcile } })),
      ).toThrow('findPublished')
    }
    const withIt = provider({
      capabilities: { ...base.capabilities, reconcile: 'by-content' },
      findPublished: async () => null,
    })
    expect(assertProviderImplements(withIt)).toBe(withIt)
  })

  it('refuses content rules of another platform', () => {
    const base = provider()
    expect(() =>
      assertProviderImplements(
        provider({ capabilities: { ...base.capabilities, content: CONTENT_RULES.twitter } }),
      ),
    ).toThrow('capabilities.content for telegram')
  })
})
