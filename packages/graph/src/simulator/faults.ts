import type { Fault, SimResponse } from '@statex/testkit/simulator'
import { graphError } from './error-bodies.js'
import { usageHeader } from './usage-headers.js'

/** How one Meta product answers the contract kit's content and throttling faults. */
export interface GraphFaultStyle {
  /** The Business Use Case object (Page, IG user, WABA) and its type, for the usage header. */
  businessId: string
  useCase: string
  rateLimit: { code: number; message: string; errorData?: unknown }
  /** The product's own rejection answer; default `(#100) <message>` with `error_user_msg`. */
  reject?: (message: string | undefined) => SimResponse
}

/** Meta's answers to the faults a simulator is told to produce (throttling, 5xx, rejection). */
export function renderGraphFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
  style: GraphFaultStyle,
): SimResponse {
  switch (fault.type) {
    case 'rate_limit':
      return graphError({
        status: 400,
        code: style.rateLimit.code,
        message: style.rateLimit.message,
        ...(style.rateLimit.errorData !== undefined
          ? { errorData: style.rateLimit.errorData }
          : {}),
        headers: {
          'x-business-use-case-usage': usageHeader(
            style.businessId,
            style.useCase,
            fault.retryAfterSeconds,
          ),
        },
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
      return style.reject
        ? style.reject(fault.message)
        : graphError({
            status: 400,
            code: 100,
            message: `(#100) ${fault.message ?? 'The request was rejected.'}`,
            ...(fault.message ? { userMessage: fault.message } : {}),
          })
  }
}
