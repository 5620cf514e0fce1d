import { describe, expect, it } from 'vitest'
import { REENGAGEMENT_MESSAGE, classifyWhatsAppError, describeWebhookError } from '../src/index.js'

/** An error answer shaped as Meta documents it: the Graph envelope plus WhatsApp's error_data. */
function answer(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const json = {
    error: { type: 'OAuthException', fbtrace_id: 'AXsgnV2Cm3ZMGF3dF_cfYIn', ...error },
  }
  return { status, headers: new Headers(headers), json, text: JSON.stringify(json) }
}
const whatsappError = (code: number, message: string, details: string) => ({
  code,
  message,
  error_data: { messaging_product: 'whatsapp', details },
})
const usage = (minutes: number) => ({
  'x-business-use-case-usage': JSON.stringify({
    '102290129340398': [
      {
        type: 'whatsapp',
        call_count: 100,
        total_cputime: 1,
        total_time: 1,
        estimated_time_to_regain_access: minutes,
      },
    ],
  }),
})

describe('classifyWhatsAppError', () => {
  it.each([
    [130429, '(#130429) Rate limit hit', 'Cloud API message throughput has been reached.'],
    [
      131056,
      '(#131056) (Business Account, Consumer Account) pair rate limit hit',
      'Too many messages sent from this phone number to the same phone number in a short period of time.',
    ],
    [
      80007,
      '(#80007) Rate limit issues',
      'The WhatsApp Business Account has reached its rate limit.',
    ],
    [4, '(#4) Application request limit reached', 'The app has reached its API call rate limit.'],
  ])(
    '%i is rate_limited, waiting what x-business-use-case-usage says (minutes)',
    (code, message, details) => {
      const error = classifyWhatsAppError(
        answer(400, whatsappError(code, message, details), usage(3)),
      )
      expect(error).toMatchObject({
        kind: 'rate_limited',
        outcome: 'not_sent',
        status: 400,
        platformCode: code,
        retryAfterMs: 180_000,
      })
      expect(error.platformMessage).toContain(details)
      expect(error.retryable).toBe(true)
      expect(
        classifyWhatsAppError(answer(400, whatsappError(code, message, details))).retryAfterMs,
      ).toBeUndefined()
    },
  )

  it('131047 is invalid_request with advice to send an approved template', () => {
    const error = classifyWhatsAppError(
      answer(
        400,
        whatsappError(
          131047,
          '(#131047) Re-engagement message',
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        ),
      ),
    )
    expect(error).toMatchObject({
      kind: 'invalid_request',
      platformCode: 131047,
      message: REENGAGEMENT_MESSAGE,
    })
    expect(error.message).toMatch(/24 hours/)
    expect(error.message).toMatch(/template/)
    expect(error.retryable).toBe(false)
  })

  it('190/463 (session expired) is auth_expired, also recognised by its message alone', () => {
    const expired = answer(401, {
      code: 190,
      error_subcode: 463,
      message:
        'Error validating access token: Session has expired on Tuesday, 25-Nov-25 02:00:00 PST. The current time is Tuesday, 25-Nov-25 03:00:00 PST.',
    })
    expect(classifyWhatsAppError(expired).kind).toBe('auth_expired')
    expect(
      classifyWhatsAppError(
        answer(400, {
          code: 190,
          message: 'Error validating access token: Session has expired on Monday.',
        }),
      ).kind,
    ).toBe('auth_expired')
  })

  it.each([460, 458, 467, undefined])('190/%s is auth_revoked', (subcode) => {
    const error = classifyWhatsAppError(
      answer(401, {
        code: 190,
        ...(subcode ? { error_subcode: subcode } : {}),
        message:
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
      }),
    )
    expect(error).toMatchObject({
      kind: 'auth_revoked',
      platformCode: 190,
      platformSubcode: subcode,
    })
  })

  it.each([10, 200, 294])(
    'permission error %i is auth_revoked naming whatsapp_business_messaging',
    (code) => {
      const error = classifyWhatsAppError(
        answer(403, {
          code,
          message: `(#${code}) Application does not have permission for this action`,
        }),
      )
      expect(error.kind).toBe('auth_revoked')
      expect(error.message).toContain('whatsapp_business_messaging')
    },
  )

  it('131031 (account locked) is auth_revoked', () => {
    expect(
      classifyWhatsAppError(
        answer(400, whatsappError(131031, 'Business Account locked', 'Account has been locked')),
      ).kind,
    ).toBe('auth_revoked')
  })

  it.each([
    [100, '(#100) Invalid parameter', "Param text['body'] must be at most 4096 characters long."],
    [131008, '(#131008) Required parameter is missing', "The parameter text['body'] is required."],
    [131009, '(#131009) Parameter value is not valid', 'Invalid media id'],
    [
      131026,
      '(#131026) Message Undeliverable',
      'Message failed to send because the recipient is not on WhatsApp.',
    ],
    [131051, '(#131051) Unsupported message type', 'Message type is currently not supported.'],
    [
      132001,
      '(#132001) Template name does not exist in the translation',
      'template name (promo) does not exist in en_US',
    ],
    [
      132012,
      '(#132012) Parameter format does not match format in the created template',
      'body: expected 2 parameters',
    ],
    [368, '(#368) Temporarily blocked for policies violations', 'The business is blocked.'],
  ])('%i is invalid_request with Meta message and details', (code, message, details) => {
    const error = classifyWhatsAppError(answer(400, whatsappError(code, message, details)))
    expect(error).toMatchObject({
      kind: 'invalid_request',
      platformCode: code,
      outcome: 'not_sent',
    })
    expect(error.platformMessage).toBe(`${message}: ${details}`)
    expect(error.message).toContain(details)
    expect(error.retryable).toBe(false)
  })

  it.each([
    [500, 1, 'An unknown error occurred'],
    [503, 2, 'Service temporarily unavailable'],
    [400, 131000, 'Something went wrong'],
    [400, 131016, 'Service unavailable'],
  ])(
    'HTTP %i code %i is transient and not_sent (Meta refused before a message existed)',
    (status, code, message) => {
      const error = classifyWhatsAppError(answer(status, { code, message, is_transient: true }))
      expect(error).toMatchObject({ kind: 'transient', outcome: 'not_sent', status })
      expect(error.retryable).toBe(true)
    },
  )

  it('a 5xx without the Graph envelope (a gateway) is transient with outcome unknown', () => {
    const error = classifyWhatsAppError({
      status: 502,
      headers: new Headers(),
      json: undefined,
      text: '<html>Bad Gateway</html>',
    })
    expect(error).toMatchObject({ kind: 'transient', outcome: 'unknown', status: 502 })
  })

  it('an unknown code falls back on the HTTP status: 4xx invalid_request, 5xx transient', () => {
    expect(
      classifyWhatsAppError(answer(400, { code: 999999, message: 'Something new' })).kind,
    ).toBe('invalid_request')
    expect(
      classifyWhatsAppError(answer(500, { code: 999999, message: 'Something new' })).kind,
    ).toBe('transient')
  })

  it('an unknown code Meta marks is_transient is transient and not_sent', () => {
    expect(
      classifyWhatsAppError(
        answer(400, { code: 999998, message: 'Try again', is_transient: true }),
      ),
    ).toMatchObject({ kind: 'transient', outcome: 'not_sent' })
  })

  it('never lets a token into the message', () => {
    const token = 'EAAGsecretsecretsecret'
    const error = classifyWhatsAppError(
      answer(400, { code: 100, message: `(#100) Invalid parameter access_token=${token}` }),
      { secrets: [token] },
    )
    expect(JSON.stringify(error)).not.toContain(token)
  })
})

describe('describeWebhookError', () => {
  it('gives the template advice for 131047 and Meta details for others', () => {
    expect(describeWebhookError({ code: 131047, title: 'Re-engagement message' })).toBe(
      REENGAGEMENT_MESSAGE,
    )
    expect(
      describeWebhookError({
        code: 131026,
        title: 'Message undeliverable',
        error_data: { details: 'Recipient is not on WhatsApp' },
      }),
    ).toContain('Recipient is not on WhatsApp')
    expect(describeWebhookError({ code: 1, title: 'Odd', error_data: { details: 'x' } })).toContain(
      'Odd: x',
    )
  })
})
