import { randomBytes } from 'node:crypto'
import type { Fault, SimResponse } from '@statex/testkit/simulator'

/** One Graph error answer, shaped as the Cloud API sends it (GraphAPIError + error_data). */
export interface GraphErrorInit {
  status: number
  code: number
  message: string
  subcode?: number
  type?: string
  details?: string
  title?: string
  transient?: boolean
  headers?: Record<string, string>
}

const traceId = () => randomBytes(9).toString('base64url')

export function graphError(init: GraphErrorInit): SimResponse {
  const error: Record<string, unknown> = {
    message: init.message,
    type: init.type ?? 'OAuthException',
    code: init.code,
  }
  if (init.subcode !== undefined) error.error_subcode = init.subcode
  if (init.transient !== undefined) error.is_transient = init.transient
  if (init.title) error.error_user_title = init.title
  if (init.details !== undefined)
    error.error_data = { messaging_product: 'whatsapp', details: init.details }
  error.fbtrace_id = traceId()
  const headers: Record<string, string> = { ...init.headers }
  if (init.status === 401) headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token"'
  return { status: init.status, headers, body: { error } }
}

/** `(#100) …` answers for parameter problems, the form Meta uses for request validation. */
export function invalidParameter(
  details: string,
  message = '(#100) Invalid parameter',
): SimResponse {
  return graphError({ status: 400, code: 100, message, details })
}

export function requiredParameter(name: string): SimResponse {
  return graphError({
    status: 400,
    code: 100,
    message: `(#100) The parameter ${name} is required.`,
    details: `The parameter ${name} is required.`,
  })
}

export const invalidToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  })

export const expiredToken = (now: Date): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(now.getTime() - 3600_000).toUTCString()}. The current time is ${now.toUTCString()}.`,
  })

export const revokedToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  })

export const unknownObject = (id: string): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  })

export const REENGAGEMENT_DETAILS =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.'

/** Error 131047 as it appears in a `failed` status webhook (StatusError in the spec). */
export const reengagementStatusError = {
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  error_data: { details: REENGAGEMENT_DETAILS },
  href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
}

/** Error 131047 as a synchronous answer, for the `send_response` mode. */
export const reengagementResponse = (): SimResponse =>
  graphError({
    status: 400,
    code: 131047,
    message: '(#131047) Re-engagement message',
    details: REENGAGEMENT_DETAILS,
  })

/**
 * `x-business-use-case-usage` as Meta sends it; `estimated_time_to_regain_access` is in whole
 * minutes, so a wait of seconds rounds up.
 */
export function usageHeader(businessId: string, retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60)
  return JSON.stringify({
    [businessId]: [
      {
        type: 'whatsapp',
        call_count: 100,
        total_cputime: 12,
        total_time: 15,
        estimated_time_to_regain_access: minutes,
      },
    ],
  })
}

/** The Cloud API's own answers for the faults the contract kit injects. */
export function renderFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
  wabaId: string,
): SimResponse {
  switch (fault.type) {
    case 'rate_limit':
      return graphError({
        status: 400,
        code: 130429,
        message: '(#130429) Rate limit hit',
        details: 'Cloud API message throughput has been reached.',
        headers: { 'x-business-use-case-usage': usageHeader(wabaId, fault.retryAfterSeconds) },
      })
    case 'server_error': {
      const status = fault.status ?? 500
      return status === 500
        ? graphError({ status, code: 1, message: 'An unknown error occurred', transient: true })
        : graphError({
            status,
            code: 2,
            message: 'Service temporarily unavailable',
            transient: true,
          })
    }
    case 'reject_content':
      return graphError({
        status: 400,
        code: 100,
        message: `(#100) Invalid parameter${fault.message ? `: ${fault.message}` : ''}`,
        details: fault.message ?? 'The message was rejected.',
      })
  }
}
