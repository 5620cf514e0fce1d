import type { HttpResponse } from '@statex/core/adapter'
import { expectClassified, httpAnswer as answer, type ExpectedError } from '@statex/testkit'
import { describe, expect, it } from 'vitest'
import { classifyXError, classifyXTokenError } from '../src/index.js'

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0)

// Bodies as documented: docs.x.com/x-api/fundamentals/response-codes-and-errors and the
// `Problem` / `Error` schemas of latest-openapi.json.
const CASES: [string, HttpResponse, ExpectedError][] = [
  [
    '429 with x-rate-limit-reset (epoch seconds)',
    answer(
      429,
      { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(NOW / 1000 + 900),
      },
    ),
    { kind: 'rate_limited', retryAfterMs: 900_000 },
  ],
  [
    '429 with the 24-hour user cap spent',
    answer(
      429,
      { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      {
        'x-rate-limit-remaining': '20',
        'x-rate-limit-reset': String(NOW / 1000 + 60),
        'x-user-limit-24hour-limit': '17',
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': String(NOW / 1000 + 36_000),
      },
    ),
    { kind: 'rate_limited', retryAfterMs: 36_000_000 },
  ],
  [
    'v1-style code 88 without headers',
    answer(429, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }),
    { kind: 'rate_limited', retryAfterMs: 900_000 },
  ],
  [
    'usage cap (Monthly) without headers waits for the next month',
    answer(429, {
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: 'https://api.twitter.com/2/problems/usage-capped',
      period: 'Monthly',
      scope: 'Product',
    }),
    { kind: 'rate_limited', retryAfterMs: Date.UTC(2027, 0, 1) - NOW },
  ],
  [
    '401',
    answer(401, {
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    }),
    { kind: 'auth_expired' },
  ],
  [
    '403 duplicate content',
    answer(403, {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    }),
    { kind: 'invalid_request', message: /identical to one this account published recently/ },
  ],
  [
    '403 client-forbidden (access level)',
    answer(403, {
      client_id: '1',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    }),
    { kind: 'invalid_request', message: /attach the app to a Project/ },
  ],
  [
    '403 missing scope',
    answer(403, { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' }),
    { kind: 'auth_revoked', message: /tweet\.write/ },
  ],
  [
    '400 invalid request lists the parameter messages',
    answer(400, {
      errors: [
        { parameters: { 'media.media_ids': ['1'] }, message: 'Your media IDs are invalid.' },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    }),
    { kind: 'invalid_request', message: /Your media IDs are invalid/ },
  ],
  [
    '200 with errors and no data is not a success',
    answer(200, {
      errors: [
        {
          value: '1',
          detail: 'Could not find tweet with id: [1].',
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'id',
          resource_id: '1',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
    }),
    { kind: 'not_found' },
  ],
  [
    '503 on a create may have created',
    answer(503, {
      title: 'Service Unavailable',
      detail: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
    }),
    { kind: 'transient', outcome: 'unknown' },
  ],
]

describe('classifyXError', () => {
  it.each(CASES)('%s', (_name, response, expected) => {
    const error = classifyXError(response, { creates: true, now: NOW })
    expectClassified(error, expected)
    expect(error.status).toBe(response.status)
  })

  it('a 5xx to a read is not_sent (nothing to duplicate)', () => {
    expect(classifyXError(answer(500, {}), {}).outcome).toBe('not_sent')
  })
})

describe('classifyXTokenError', () => {
  it('a refused refresh token is auth_revoked, a refused client is a configuration error', () => {
    const bad = answer(400, {
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    })
    expect(classifyXTokenError(bad, { grant: 'refresh_token' }).kind).toBe('auth_revoked')
    expect(classifyXTokenError(bad, { grant: 'authorization_code' }).message).toMatch(
      /start the connection again/,
    )
    const client = answer(401, {
      error: 'unauthorized_client',
      error_description: 'Missing valid authorization header',
    })
    expect(classifyXTokenError(client, { grant: 'refresh_token' }).message).toMatch(
      /client id and secret/,
    )
  })
})
