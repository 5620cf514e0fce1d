import type { ProviderError } from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import {
  classifyGraphError,
  graphRuleFor,
  type GraphErrorContext,
  type GraphRule,
} from '@statex/graph'

/**
 * The clear message for error 131047, the one people hit most: free-form messages reach a
 * customer only within 24 hours of their last message to the business.
 * @see https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/
 */
export const REENGAGEMENT_MESSAGE =
  'More than 24 hours have passed since this customer last wrote to the business, so WhatsApp only ' +
  'delivers an approved message template to them (error 131047). Send a template ' +
  '(options.whatsapp.template), or wait until the customer writes again.'

const rateLimited = (explain: string): GraphRule => ({ kind: 'rate_limited', explain })
const invalid = (explain: string): GraphRule => ({ kind: 'invalid_request', explain })
const revoked = (explain: string): GraphRule => ({ kind: 'auth_revoked', explain })
// Meta answered with its own error envelope and issued no message id: the send was refused
// before a message existed, and Meta's error-code table says "retry" for these. So not_sent.
const unavailable = (explain: string): GraphRule => ({
  kind: 'transient',
  explain,
  outcome: 'not_sent',
})

const PERMISSION =
  'The token lacks a permission this call needs: grant whatsapp_business_messaging (and whatsapp_business_management) to the system user and create a new token.'

/**
 * The Cloud API's own codes, on top of the shared Graph table in `@statex/graph`. Source: Meta's
 * Cloud API error-code page (copied in ../shared/research/platform-apis.md §6.3).
 */
const CODES: Readonly<Record<number, GraphRule>> = {
  80007: rateLimited('The WhatsApp Business Account hit its API rate limit (error 80007).'),
  130429: rateLimited(
    'The phone number hit its Cloud API message throughput limit (error 130429).',
  ),
  131048: rateLimited(
    'WhatsApp restricted how many messages this number may send because earlier messages were blocked or flagged (error 131048).',
  ),
  131056: rateLimited(
    'Too many messages to the same recipient in a short time (pair rate limit, error 131056).',
  ),
  // Outside the customer-service window: the advice says everything, Meta's words add nothing.
  131047: { ...invalid(REENGAGEMENT_MESSAGE), quote: false },
  0: revoked('WhatsApp could not authenticate the app user (error 0); reconnect the account.'),
  3: revoked(
    'The app lacks the capability for this call (error 3); check the app has the WhatsApp product.',
  ),
  131031: revoked(
    'The WhatsApp Business Account is locked (error 131031): resolve it in WhatsApp Manager before sending.',
  ),
  100: invalid('WhatsApp rejected a parameter of the message (error 100).'),
  131008: invalid('A required parameter is missing (error 131008).'),
  131009: invalid('A parameter value is not valid (error 131009).'),
  131021: invalid('The recipient is the sending phone number itself (error 131021).'),
  131026: invalid(
    'The message could not be delivered: the number may not be on WhatsApp, or has not accepted the latest terms (error 131026).',
  ),
  131051: invalid('WhatsApp does not support this message type (error 131051).'),
  131052: invalid('WhatsApp could not download the media from its URL (error 131052).'),
  131053: invalid('WhatsApp could not process the uploaded media (error 131053).'),
  133010: invalid('The business phone number is not registered with the Cloud API (error 133010).'),
  131000: unavailable('WhatsApp failed to send the message for an unknown reason (error 131000).'),
  131016: unavailable('The WhatsApp service is temporarily overloaded (error 131016).'),
}

/** How WhatsApp names and classifies its Graph errors. */
export const WHATSAPP_ERRORS: GraphErrorContext = {
  platform: 'whatsapp',
  product: 'WhatsApp',
  permissionHint: PERMISSION,
  codes: CODES,
  special: (error) => {
    if (error.code === 100 && error.error_subcode === 33)
      return {
        kind: 'not_found',
        explain:
          'The phone number id does not exist, or the token cannot use it (error 100/33): check the phone number id and that the system user is assigned to its WhatsApp Business Account.',
      }
    if (error.code !== undefined && error.code >= 132000 && error.code <= 132015)
      return invalid(
        `The message template was rejected (error ${error.code}): check its name, language and parameters against WhatsApp Manager.`,
      )
    return undefined
  },
}

/**
 * Turns a Cloud API error answer into a ProviderError: the Cloud API's codes, then the shared
 * Graph table, then the HTTP status. Rate limits carry `retryAfterMs` from the usage headers.
 */
export function classifyWhatsAppError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'json' | 'text'>,
  options: { secrets?: readonly string[]; now?: number } = {},
): ProviderError {
  return classifyGraphError(response, { ...WHATSAPP_ERRORS, ...options })
}

/**
 * A readable message for an error reported inside a webhook (a `failed` status), using the same
 * table: 131047 gets the clear template advice.
 */
export function describeWebhookError(error: {
  code?: number
  title?: string
  message?: string
  error_data?: { details?: string }
}): string {
  if (error.code === 131047) return REENGAGEMENT_MESSAGE
  const meta = [error.title ?? error.message, error.error_data?.details].filter(Boolean).join(': ')
  const known =
    error.code !== undefined &&
    (CODES[error.code] !== undefined ||
      (error.code >= 132000 && error.code <= 132015) ||
      (error.code >= 200 && error.code <= 299))
  if (known) {
    const rule = graphRuleFor({ code: error.code }, 400, WHATSAPP_ERRORS)
    return meta ? `${rule.explain} WhatsApp said: ${meta}` : rule.explain
  }
  return meta || `WhatsApp could not deliver the message (error ${error.code ?? 'unknown'}).`
}
