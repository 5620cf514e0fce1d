import { describe, expect, it } from 'vitest'
import { classifyGraphError, type GraphErrorContext } from '../src/index.js'

const context: GraphErrorContext = {
  platform: 'facebook',
  product: 'Facebook',
  permissionHint: 'Grant pages_manage_posts and reconnect.',
}

/** An error answer shaped as the Graph error-handling guide documents it. */
function answer(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const json = { error: { type: 'OAuthException', fbtrace_id: 'EJplcsCHuLu', ...error } }
  return { status, headers: new Headers(headers), json, text: JSON.stringify(json) }
}
const buc = (minutes: number) => ({
  'x-business-use-case-usage': JSON.stringify({
    '1647395831': [
      {
        type: 'pages',
        call_count: 100,
        total_cputime: 20,
        total_time: 30,
        estimated_time_to_regain_access: minutes,
      },
    ],
  }),
})

describe('classifyGraphError: the table the issue names', () => {
  it.each([
    [190, 458, 'auth_revoked'],
    [190, 459, 'auth_revoked'],
    [190, 460, 'auth_revoked'],
    [190, 464, 'auth_revoked'],
    [190, 467, 'auth_revoked'],
    [190, 463, 'auth_expired'],
    [102, undefined, 'auth_revoked'],
  ])('%i/%s is %s', (code, subcode, kind) => {
    const error = classifyGraphError(
      answer(401, {
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        message: 'Error validating access token',
      }),
      context,
    )
    expect(error).toMatchObject({
      kind,
      platformCode: code,
      platformSubcode: subcode,
      outcome: 'not_sent',
    })
    expect(error.message).toMatch(/reconnect|refresh/i)
  })

  it('190 without a subcode whose message says it expired is auth_expired', () => {
    const error = classifyGraphError(
      answer(400, {
        code: 190,
        message: 'Error validating access token: Session has expired on Monday.',
      }),
      context,
    )
    expect(error.kind).toBe('auth_expired')
  })

  it.each([4, 17, 32, 613, 80001, 80002, 80006, 80014])(
    '%i is rate_limited, waiting estimated_time_to_regain_access',
    (code) => {
      const error = classifyGraphError(
        answer(400, { code, message: `(#${code}) limit reached` }, buc(4)),
        context,
      )
      expect(error).toMatchObject({
        kind: 'rate_limited',
        outcome: 'not_sent',
        retryAfterMs: 240_000,
      })
      expect(error.retryable).toBe(true)
    },
  )

  it.each(['x-app-usage', 'x-page-usage'])('reads the wait from %s too', (name) => {
    const error = classifyGraphError(
      answer(
        403,
        { code: 4, message: '(#4) Application request limit reached' },
        {
          [name]: JSON.stringify({
            call_count: 100,
            total_cputime: 10,
            total_time: 10,
            estimated_time_to_regain_access: 2,
          }),
        },
      ),
      context,
    )
    expect(error.retryAfterMs).toBe(120_000)
  })

  it('80015 is outside the BUC range and falls back on the status', () => {
    expect(classifyGraphError(answer(400, { code: 80015, message: 'x' }), context).kind).toBe(
      'invalid_request',
    )
  })

  it.each([
    [100, undefined, 'Invalid parameter', 'invalid_request'],
    [100, 33, 'Unsupported get request', 'not_found'],
    [368, undefined, 'Temporarily blocked', 'invalid_request'],
    [506, undefined, 'Duplicate status message', 'invalid_request'],
    [324, undefined, 'Missing or invalid image file', 'invalid_request'],
    [
      352,
      undefined,
      'The video file you selected is in a format that we don\u2019t support.',
      'invalid_request',
    ],
    [9004, 2207052, 'Only photo or video can be accepted as media type.', 'invalid_request'],
    [36000, 2207004, 'The image size is too large.', 'invalid_request'],
    [-2, 2207020, 'The media you are trying to access has expired.', 'invalid_request'],
    [9, 2207042, 'You reached maximum number of posts', 'invalid_request'],
    [24, 2207008, 'Media builder not found', 'not_found'],
  ])('%i/%s (%s) is %s with the platform message', (code, subcode, message, kind) => {
    const error = classifyGraphError(
      answer(400, {
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        message,
        error_user_msg: 'Shown to people.',
      }),
      context,
    )
    expect(error.kind).toBe(kind)
    expect(error.platformMessage).toBe(`${message}: Shown to people.`)
    if (kind === 'invalid_request') expect(error.message).toContain(`Facebook said: ${message}`)
    expect(error.retryable).toBe(false)
  })

  it('the subcode meaning leads the message: media must be at a public URL', () => {
    const error = classifyGraphError(
      answer(400, { code: 9004, error_subcode: 2207052, message: 'Media download has failed.' }),
      { ...context, product: 'Instagram' },
    )
    expect(error.message).toMatch(/public https URL/)
  })

  it.each([
    [500, 1, undefined],
    [503, 2, undefined],
    [400, 999, true],
    [400, -1, undefined],
    [400, -2, undefined],
  ])('HTTP %i code %i (is_transient %s) is transient and not_sent', (status, code, transient) => {
    const error = classifyGraphError(
      answer(status, { code, message: 'try again', ...(transient ? { is_transient: true } : {}) }),
      context,
    )
    expect(error).toMatchObject({ kind: 'transient', outcome: 'not_sent', status })
  })

  it.each([10, 200, 230, 299])('permission error %i is auth_revoked with the hint', (code) => {
    const error = classifyGraphError(
      answer(403, { code, message: `(#${code}) Permission denied` }),
      context,
    )
    expect(error.kind).toBe('auth_revoked')
    expect(error.message).toBe(context.permissionHint)
  })

  it('a 5xx without the envelope (a gateway page) is transient with outcome unknown', () => {
    const error = classifyGraphError(
      { status: 502, headers: new Headers(), json: undefined, text: '<html>Bad Gateway</html>' },
      context,
    )
    expect(error).toMatchObject({ kind: 'transient', outcome: 'unknown', status: 502 })
  })

  it('the product table wins over the shared one', () => {
    const error = classifyGraphError(answer(400, { code: 100, message: 'x' }), {
      ...context,
      codes: { 100: { kind: 'not_found', explain: 'product says so' } },
    })
    expect(error).toMatchObject({ kind: 'not_found', message: 'product says so' })
  })

  it('never lets a token or the app secret into the error', () => {
    const token = 'EAAGsecretsecretsecret'
    const error = classifyGraphError(
      answer(400, { code: 100, message: `(#100) Invalid parameter access_token=${token}` }),
      { ...context, secrets: [token] },
    )
    expect(JSON.stringify(error)).not.toContain(token)
  })
})
