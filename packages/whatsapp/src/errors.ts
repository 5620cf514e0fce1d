import {
  ProviderError,
  parseRetryAfter,
  type ProviderErrorKind,
  type RequestOutcome,
} from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { graphErrorSchema, type GraphError } from './schemas.js'

/**
 * The clear message for error 131047, the one people hit most: free-form messages reach a
 * customer only within 24 hours of their last message to the business.
 * @see https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/
 */
export const REENGAGEMENT_MESSAGE =
  'More than 24 hours have passed since this customer last wrote to the business, so WhatsApp only ' +
  'delivers an approved message template to them (error 131047). Send a template ' +
  '(options.whatsapp.template), or wait until the customer writes again.'

interface Rule {
  kind: ProviderErrorKind
  /** What a person should read before Meta's own message. */
  explain: string
  outcome?: RequestOutcome
}

const rateLimited = (explain: string): Rule => ({ kind: 'rate_limited', explain })
const invalid = (explain: string): Rule => ({ kind: 'invalid_request', explain })
const revoked = (explain: string): Rule => ({ kind: 'auth_revoked', explain })
// Meta answered with its own error envelope and issued no message id: the send was refused
// before a message existed, and Meta's error-code table says "retry" for these. So not_sent.
const unavailable = (explain: string): Rule => ({ kind: 'transient', explain, outcome: 'not_sent' })

const PERMISSION =
  'The token lacks a permission this call needs: grant whatsapp_business_messaging (and whatsapp_business_management) to the system user and create a new token.'

/**
 * Graph / Cloud API error codes → what the worker does. Sources: Meta's Cloud API error-code page
 * (copied in ../shared/research/platform-apis.md §2.4 and §6.3) and the Graph error-handling guide.
 */
const CODES: Readonly<Record<number, Rule>> = {
  // Throttling: back off without spending an attempt.
  4: rateLimited('The app hit its Graph API call limit (error 4).'),
  17: rateLimited('The user hit its Graph API call limit (error 17).'),
  613: rateLimited('Calls to this API exceeded the rate limit (error 613).'),
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
  // Outside the customer-service window.
  131047: invalid(REENGAGEMENT_MESSAGE),
  // Access.
  0: revoked('WhatsApp could not authenticate the app user (error 0); reconnect the account.'),
  3: revoked(
    'The app lacks the capability for this call (error 3); check the app has the WhatsApp product.',
  ),
  10: revoked(PERMISSION),
  131031: revoked(
    'The WhatsApp Business Account is locked (error 131031): resolve it in WhatsApp Manager before sending.',
  ),
  // Content and parameters: shown to the user, never retried.
  100: invalid('WhatsApp rejected a parameter of the message (error 100).'),
  368: invalid('The business is temporarily blocked for policy violations (error 368).'),
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
  // Meta-side failures.
  1: unavailable('WhatsApp had an unknown, possibly temporary problem (error 1).'),
  2: unavailable('The WhatsApp service is temporarily unavailable (error 2).'),
  131000: unavailable('WhatsApp failed to send the message for an unknown reason (error 131000).'),
  131016: unavailable('The WhatsApp service is temporarily overloaded (error 131016).'),
}

function ruleFor(error: GraphError, status: number): Rule {
  const code = error.code
  if (code === 190 || code === 102) {
    const expired = error.error_subcode === 463 || /session has expired/i.test(error.message ?? '')
    return expired
      ? {
          kind: 'auth_expired',
          explain: 'The access token has expired (error 190/463); create a new system-user token.',
        }
      : revoked(
          `The access token is no longer valid (error ${code}${error.error_subcode ? `/${error.error_subcode}` : ''}): it was revoked, its user changed password, or the app was removed. Reconnect the account with a new token.`,
        )
  }
  if (code === 100 && error.error_subcode === 33) {
    return {
      kind: 'not_found',
      explain:
        'The phone number id does not exist, or the token cannot use it (error 100/33): check the phone number id and that the system user is assigned to its WhatsApp Business Account.',
    }
  }
  if (code !== undefined) {
    if (code >= 200 && code <= 299) return revoked(PERMISSION)
    if (code >= 132000 && code <= 132015)
      return invalid(
        `The message template was rejected (error ${code}): check its name, language and parameters against WhatsApp Manager.`,
      )
    const rule = CODES[code]
    if (rule) return rule
  }
  if (error.is_transient === true && status < 500)
    return unavailable(`WhatsApp reported a temporary problem (error ${code ?? 'unknown'}).`)
  return byStatus(status)
}

/**
 * For codes not in the table: the HTTP status decides. A 4xx is treated as a rejection
 * (invalid_request: shown to the user with Meta's message, never retried, so an unknown refusal
 * cannot loop or send twice); a 5xx as a Meta-side failure whose effect is unknown.
 */
function byStatus(status: number): Rule {
  if (status === 429) return rateLimited('WhatsApp is rate limiting requests (HTTP 429).')
  if (status === 401)
    return revoked('WhatsApp refused the access token (HTTP 401); reconnect the account.')
  if (status === 403) return revoked(PERMISSION)
  if (status === 404)
    return {
      kind: 'not_found',
      explain: 'WhatsApp did not find the phone number or object (HTTP 404).',
    }
  // A 5xx without a recognised code may come from a proxy after Meta acted: the message may exist.
  if (status >= 500)
    return { kind: 'transient', explain: `WhatsApp answered ${status}.`, outcome: 'unknown' }
  return invalid(`WhatsApp rejected the request (HTTP ${status}).`)
}

function detailsOf(error: GraphError): string | undefined {
  const data = error.error_data
  if (typeof data === 'string') return data || undefined
  return data?.details || undefined
}

/** Meta's own words: the message plus `error_data.details`, the field Meta says to build on. */
function platformMessageOf(error: GraphError): string | undefined {
  const details = detailsOf(error)
  const message = error.message
  if (message && details && !message.includes(details)) return `${message}: ${details}`
  return message ?? details
}

/**
 * Turns a Cloud API error answer into a ProviderError, by the Graph `code` (and subcode) first,
 * the HTTP status second. Rate limits carry `retryAfterMs` from `x-business-use-case-usage`
 * (`estimated_time_to_regain_access`, in minutes) when Meta sends it.
 */
export function classifyWhatsAppError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'json' | 'text'>,
  options: { secrets?: readonly string[]; now?: number } = {},
): ProviderError {
  const parsed = graphErrorSchema.safeParse(response.json)
  const error: GraphError = parsed.success ? parsed.data.error : {}
  const hasEnvelope = parsed.success
  let rule = hasEnvelope ? ruleFor(error, response.status) : byStatus(response.status)
  // Without Meta's envelope a 5xx came from something in front of Meta; keep outcome unknown.
  if (!hasEnvelope && response.status >= 500) rule = { ...rule, outcome: 'unknown' }
  const platformMessage = hasEnvelope
    ? platformMessageOf(error)
    : response.text.slice(0, 300) || undefined
  const retryAfterMs =
    rule.kind === 'rate_limited' ? parseRetryAfter(response.headers, options.now) : undefined
  const message =
    rule.kind === 'invalid_request' && platformMessage && error.code !== 131047
      ? `${rule.explain} WhatsApp said: ${platformMessage}`
      : rule.explain
  return new ProviderError({
    kind: rule.kind,
    platform: 'whatsapp',
    outcome: rule.outcome ?? 'not_sent',
    message,
    status: response.status,
    platformCode: error.code,
    platformSubcode: error.error_subcode,
    platformMessage,
    retryAfterMs,
    secrets: options.secrets,
  })
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
  const rule = error.code === undefined ? undefined : ruleFor({ code: error.code }, 400)
  if (
    rule &&
    error.code !== undefined &&
    (CODES[error.code] ||
      (error.code >= 132000 && error.code <= 132015) ||
      (error.code >= 200 && error.code <= 299))
  ) {
    return meta ? `${rule.explain} WhatsApp said: ${meta}` : rule.explain
  }
  return meta || `WhatsApp could not deliver the message (error ${error.code ?? 'unknown'}).`
}
