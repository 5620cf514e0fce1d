import { ProviderError } from '@statex/core'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_GRAPH_API_VERSION,
  facebookLoginAuthorization,
  graphClientOptions,
  graphPageSize,
  graphWebhooks,
} from '../src/index.js'
import { signedDelivery } from '../src/testing.js'

describe('graphClientOptions', () => {
  it('keeps only what was given and pins the default version', () => {
    expect(graphClientOptions({})).toEqual({ apiVersion: DEFAULT_GRAPH_API_VERSION })
    const fetch = globalThis.fetch
    expect(
      graphClientOptions({ baseUrl: 'http://sim', apiVersion: 'v24.0', fetch, appSecret: 's' }),
    ).toEqual({ baseUrl: 'http://sim', apiVersion: 'v24.0', fetch, appSecret: 's' })
  })
})

describe('graphPageSize', () => {
  it('is 25 by default and stays within 1 to 100', () => {
    expect([undefined, 0, 7.9, 500].map(graphPageSize)).toEqual([25, 1, 7, 100])
  })
})

describe('facebookLoginAuthorization', () => {
  const options = { appId: '123', appSecret: 's', dialogBaseUrl: 'http://sim/' }
  const url = facebookLoginAuthorization({
    platform: 'facebook',
    options,
    apiVersion: 'v23.0',
    defaultScopes: ['pages_show_list', 'pages_manage_posts'],
  })

  it('is the login dialog of the app, with the default scopes unless others are named', () => {
    const first = url({ state: 'st', redirectUri: 'https://app/cb' })
    expect(first.origin + first.pathname).toBe('http://sim/v23.0/dialog/oauth')
    expect(Object.fromEntries(first.searchParams)).toEqual({
      client_id: '123',
      redirect_uri: 'https://app/cb',
      state: 'st',
      response_type: 'code',
      scope: 'pages_show_list,pages_manage_posts',
    })
    expect(
      url({ state: 'st', redirectUri: 'https://app/cb', scopes: ['a'] }).searchParams.get('scope'),
    ).toBe('a')
  })

  it('says what to configure when the app id is missing', () => {
    const noApp = facebookLoginAuthorization({
      platform: 'instagram',
      options: {},
      apiVersion: 'v23.0',
      defaultScopes: [],
    })
    expect(() => noApp({ state: 's', redirectUri: 'https://app/cb' })).toThrow(ProviderError)
    expect(() => noApp({ state: 's', redirectUri: 'https://app/cb' })).toThrow(/appId, appSecret/)
  })
})

describe('graphWebhooks', () => {
  const options: { appSecret?: string; verifyToken?: string } = { appSecret: 'secret' }
  const webhooks = graphWebhooks(options, (body) => ({ parsed: body }))

  it('verifies with the app secret of the moment, answers the handshake and parses', () => {
    const delivery = signedDelivery({ object: 'page', entry: [] }, 'secret')
    expect(webhooks.verify(delivery)).toBe(true)
    expect(webhooks.verify(signedDelivery({ object: 'page', entry: [] }, 'other'))).toBe(false)
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'vt', 'hub.challenge': '42' }
    expect(webhooks.challenge({ query })).toBeUndefined()
    options.verifyToken = 'vt'
    expect(webhooks.challenge({ query })).toBe('42')
    expect(webhooks.parse({ body: { a: 1 } })).toEqual({ parsed: { a: 1 } })
  })
})
