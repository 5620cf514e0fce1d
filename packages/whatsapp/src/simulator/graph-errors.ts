import type { Fault, SimResponse } from '@statex/testkit/simulator'
import {
  graphError as metaGraphError,
  renderGraphFault,
  usageHeader as bucUsageHeader,
} from '@statex/graph/testing'

export { expiredToken, invalidToken, revokedToken, unknownObject } from '@statex/graph/testing'

/** One Cloud API error answer: the Graph envelope plus WhatsApp's `error_data.details`. */
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

export function graphError(init: GraphErrorInit): SimResponse {
  const { details, title, transient, ...rest } = init
  return metaGraphError({
    ...rest,
    ...(transient !== undefined ? { transient } : {}),
    ...(title ? { userTitle: title } : {}),
    ...(details !== undefined ? { errorData: { messaging_product: 'whatsapp', details } } : {}),
  })
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

/** `x-business-use-case-usage` for the WhatsApp Business Account (type `whatsapp`). */
export function usageHeader(businessId: string, retryAfterSeconds: number): string {
  return bucUsageHeader(businessId, 'whatsapp', retryAfterSeconds)
}

/** The Cloud API's own answers for the faults the contract kit injects. */
export function renderFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
  wabaId: string,
): SimResponse {
  return renderGraphFault(fault, {
    businessId: wabaId,
    useCase: 'whatsapp',
    rateLimit: {
      code: 130429,
      message: '(#130429) Rate limit hit',
      errorData: {
        messaging_product: 'whatsapp',
        details: 'Cloud API message throughput has been reached.',
      },
    },
    reject: (message) =>
      graphError({
        status: 400,
        code: 100,
        message: `(#100) Invalid parameter${message ? `: ${message}` : ''}`,
        details: message ?? 'The message was rejected.',
      }),
  })
}
