import { createHmac } from 'node:crypto'
import { ProviderError } from '@statex/core'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_GRAPH_API_VERSION,
  answerGraphChallenge,
  appSecretProof,
  createGraphClient,
  facebookLoginAuthorization,
  graphBaseUrl,
  graphClientOptions,
  graphPageSize,
  graphWebhooks,
  nextCursor,
  readGraphUsage,
  verifyGraphSignature,
} from '../src/index.js'
import { signedDelivery } from '../src/testing.js'

describe('base URL', () => {
  it('is versioned, with a current default, and graph.instagram.com as the alternative', () => {
    expect(graphBaseUrl()).toBe(`https://graph.facebook.com/${DEFAULT_GRAPH_API_VERSION}`)
    expect(graphBaseUrl({ host: 'instagram', apiVersion: 'v24.0' })).toBe(
      'https://graph.instagram.com/v24.0',
    )
    expect(graphBaseUrl({ baseUrl: 'http://127.0.0.1:9/facebook/', apiVersion: 'v22.0' })).toBe(
      'http://127.0.0.1:9/facebook/v22.0',
    )
    expect(() => graphBaseUrl({ apiVersion: '23' })).toThrow(/v23\.0/)
  })
})

describe('appsecret_proof', () => {
  it('is the hex HMAC-SHA256 of the token keyed with the app secret, sent on every call', async () => {
    expect(appSecretProof('token', 'secret')).toBe(
      createHmac('sha256', 'secret').update('token').digest('hex'),
    )
    const seen: URL[] = []
    const client = createGraphClient(
      {
        baseUrl: 'http://graph.test',
        appSecret: 'secret',
        errors: { platform: 'facebook', product: 'Facebook', permissionHint: 'grant' },
        fetch: async (url) => {
          seen.push(new URL(String(url)))
          return new Response(JSON.stringify({ id: '1' }), {
            headers: { 'content-type': 'application/json' },
          })
        },
      },
      'token',
    )
    const { z } = await import('zod')
    await client.call({
      method: 'GET',
      path: '/me',
      query: { fields: 'id' },
      schema: z.object({ id: z.string() }),
      expected: 'id',
    })
    expect(seen[0]!.pathname).toBe(`/${DEFAULT_GRAPH_API_VERSION}/me`)
    expect(seen[0]!.searchParams.get('appsecret_proof')).toBe(appSecretProof('token', 'secret'))
    expect(seen[0]!.searchParams.get('fields')).toBe('id')
  })
})

describe('usage headers', () => {
  it('reads X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage with the highest percentage and the wait', () => {
    const report = readGraphUsage(
      new Headers({
        'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}',
        'x-page-usage': '{"call_count":95,"total_time":10,"total_cputime":10}',
        'x-business-use-case-usage': JSON.stringify({
          '112': [
            {
              type: 'pages',
              call_count: 100,
              total_cputime: 1,
              total_time: 1,
              estimated_time_to_regain_access: 5,
            },
          ],
        }),
      }),
    )
    expect(report.app?.call_count).toBe(28)
    expect(report.page?.call_count).toBe(95)
    expect(report.maxPercent).toBe(100)
    expect(report.retryAfterMs).toBe(300_000)
    expect(readGraphUsage(new Headers()).retryAfterMs).toBeUndefined()
  })
})

describe('webhooks', () => {
  it('verifies X-Hub-Signature-256 over the raw body and refuses a changed body or no secret', () => {
    const delivery = signedDelivery(
      { object: 'page', entry: [{ id: '1', message: 'caf\u00e9' }] },
      'app-secret',
    )
    expect(verifyGraphSignature(delivery, 'app-secret')).toBe(true)
    expect(
      verifyGraphSignature(
        { ...delivery, rawBody: delivery.rawBody.replace('1', '2') },
        'app-secret',
      ),
    ).toBe(false)
    expect(verifyGraphSignature(delivery, 'other')).toBe(false)
    expect(verifyGraphSignature(delivery, undefined)).toBe(false)
    expect(
      verifyGraphSignature(
        { ...delivery, rawBody: new TextEncoder().encode(delivery.rawBody) },
        'app-secret',
      ),
    ).toBe(true)
  })

  it('answers hub.challenge only for subscribe with our verify token', () => {
    const query = {
      'hub.mode': 'subscribe',
      'hub.verify_token': 'vt',
      'hub.challenge': '1158201444',
    }
    expect(answerGraphChallenge(query, 'vt')).toBe('1158201444')
    expect(answerGraphChallenge(query, 'other')).toBeUndefined()
    expect(answerGraphChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'vt')).toBeUndefined()
    expect(answerGraphChallenge(query, undefined)).toBeUndefined()
  })
})

describe('paging', () => {
  it('gives paging.cursors.after only while paging.next says there is more', () => {
    expect(
      nextCursor({ cursors: { before: 'b', after: 'a' }, next: 'https://graph.facebook.com/…' }),
    ).toBe('a')
    expect(nextCursor({ cursors: { before: 'b', after: 'a' } })).toBeUndefined()
    expect(nextCursor(undefined)).toBeUndefined()
  })
})

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
