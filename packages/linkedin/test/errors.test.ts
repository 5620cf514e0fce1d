import type { HttpResponse } from '@statex/core/adapter'
import { expectClassified, httpAnswer as answer, type ExpectedError } from '@statex/testkit'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LINKEDIN_VERSION,
  classifyLinkedInError,
  classifyLinkedInTokenError,
  renderLittleText,
  toLittleText,
} from '../src/index.js'

const NOW = Date.UTC(2026, 11, 1, 18, 0, 0)

// Bodies in LinkedIn's documented shape: { status, serviceErrorCode, code, message }.
const CASES: [string, HttpResponse, ExpectedError][] = [
  [
    '401 revoked',
    answer(401, {
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
      message: 'The token used in the request has been revoked by the user',
      status: 401,
    }),
    { kind: 'auth_revoked' },
  ],
  [
    '401 expired',
    answer(401, {
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
      status: 401,
    }),
    { kind: 'auth_expired' },
  ],
  [
    '401 empty token',
    answer(401, { message: 'Empty oauth2_access_token', serviceErrorCode: 401, status: 401 }),
    { kind: 'auth_expired' },
  ],
  [
    '403 permission',
    answer(403, {
      status: 403,
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
      message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20240101',
    }),
    { kind: 'auth_revoked', message: /w_organization_social/ },
  ],
  [
    '426 version',
    answer(426, {
      status: 426,
      code: 'NONEXISTENT_VERSION',
      message: 'Requested version 202001 is not active',
    }),
    { kind: 'invalid_request', message: /202001/ },
  ],
  [
    '422 fields',
    answer(422, {
      message: 'ERROR :: /commentary :: length of commentary exceeds 3000\n',
      status: 422,
    }),
    { kind: 'invalid_request', message: /\/commentary: length of commentary exceeds 3000/ },
  ],
  [
    '429 no headers → midnight UTC',
    answer(429, {
      status: 429,
      serviceErrorCode: 101,
      code: 'TOO_MANY_REQUESTS',
      message:
        'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    }),
    { kind: 'rate_limited', retryAfterMs: 6 * 3_600_000 },
  ],
  [
    '429 with Retry-After',
    answer(429, { status: 429, message: 'Too Many Requests' }, { 'retry-after': '30' }),
    { kind: 'rate_limited', retryAfterMs: 30_000 },
  ],
  ['404', answer(404, { status: 404, message: 'Not Found' }), { kind: 'not_found' }],
  [
    '400',
    answer(400, {
      status: 400,
      code: 'ILLEGAL_ARGUMENT',
      message: 'Request body could not be converted to data map',
    }),
    { kind: 'invalid_request' },
  ],
  [
    '504 on a create',
    answer(504, { status: 504, message: 'Gateway Timeout' }),
    { kind: 'transient', outcome: 'unknown' },
  ],
]

describe('classifyLinkedInError', () => {
  it.each(CASES)('%s', (_name, response, expected) => {
    const error = classifyLinkedInError(response, {
      creates: true,
      scope: 'w_organization_social',
      version: '202001',
      now: NOW,
    })
    expectClassified(error, expected)
  })

  it('a refused refresh token means reconnecting', () => {
    const body = answer(400, {
      error: 'invalid_request',
      error_description:
        'The provided authorization grant or refresh token is invalid, expired or revoked.',
    })
    expect(classifyLinkedInTokenError(body, { grant: 'refresh_token' }).kind).toBe('auth_revoked')
  })
})

describe('little text', () => {
  it('round-trips every reserved character and leaves accidental markup as text', () => {
    const text =
      '\\ | { } @ [ ] ( ) < > # * _ ~ and [link](urn:li:person:1) @[x](y) {hashtag|\\#|no}'
    expect(renderLittleText(toLittleText(text, { hashtags: false }))).toBe(text)
    expect(renderLittleText(toLittleText(text))).toBe(text)
  })

  it('renders like LinkedIn: an unescaped reserved character cuts the text', () => {
    expect(renderLittleText('before (after')).toBe('before ')
  })
})

describe('DEFAULT_LINKEDIN_VERSION', () => {
  it('is younger than a year, as LinkedIn keeps versions about that long (bump it when this fails)', () => {
    const year = Number(DEFAULT_LINKEDIN_VERSION.slice(0, 4))
    const month = Number(DEFAULT_LINKEDIN_VERSION.slice(4))
    const now = new Date()
    const age = (now.getUTCFullYear() - year) * 12 + (now.getUTCMonth() + 1 - month)
    expect(age).toBeGreaterThanOrEqual(0)
    expect(age, `LinkedIn-Version ${DEFAULT_LINKEDIN_VERSION} is ${age} months old`).toBeLessThan(
      12,
    )
  })
})
