import {
  ProviderError,
  parseRetryAfter,
  type Platform,
  type ProviderErrorKind,
  type RequestOutcome,
} from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { graphErrorSchema, type GraphError } from './schemas.js'

/** What the worker does with one Graph error, and what a person reads before Meta's own words. */
export interface GraphRule {
  kind: ProviderErrorKind
  explain: string
  /** Default `not_sent`: Meta answered with its error envelope, so nothing was created. */
  outcome?: RequestOutcome
  /** Whether Meta's message follows the explanation for invalid requests. Default true. */
  quote?: boolean
}

/** What one product adds to the shared Graph table. */
export interface GraphErrorContext {
  platform: Platform
  /** How people know the product, for messages: `Facebook`, `Instagram`, `WhatsApp`. */
  product: string
  /** What to grant when a permission is missing (codes 10 and 200–299). */
  permissionHint: string
  /** The product's own codes; checked before the shared table. */
  codes?: Readonly<Record<number, GraphRule>>
  /** Product rules that need more than the code (ranges, code + subcode); checked first. */
  special?: (error: GraphError, status: number) => GraphRule | undefined
}

const rateLimited = (explain: string): GraphRule => ({ kind: 'rate_limited', explain })
const invalid = (explain: string): GraphRule => ({ kind: 'invalid_request', explain })
const revoked = (explain: string): GraphRule => ({ kind: 'auth_revoked', explain })
const notFound = (explain: string): GraphRule => ({ kind: 'not_found', explain })
// Meta's envelope with no object id: refused before anything existed, and Meta says "retry".
const unavailable = (explain: string): GraphRule => ({
  kind: 'transient',
  explain,
  outcome: 'not_sent',
})

/**
 * Subcodes of 190 that mean the token is dead until a person logs in again. 463 (expired) is not
 * among them: an expired token is `auth_expired`, which the worker refreshes where it can and
 * otherwise sends to reconnection.
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes
 */
export const TOKEN_SUBCODES: Readonly<Record<number, string>> = {
  458: 'the app is no longer installed for this person',
  459: 'the person must log in to Facebook to clear a security checkpoint',
  460: 'the person changed their password or Facebook invalidated the session',
  463: 'the token has expired',
  464: 'the person has not confirmed their account',
  467: 'the token is no longer valid (the person logged out or removed the app)',
  492: 'the person is no longer an admin of the page',
}

/** Business Use Case throttling: 80001 Pages … 80014 (80002 Instagram, 80006 Messenger, 80007 WhatsApp). */
const BUC_FIRST = 80001
const BUC_LAST = 80014

/**
 * Subcodes whose meaning decides (Instagram's content publishing table, which Facebook's media
 * endpoints share in part).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
 */
const SUBCODES: Readonly<Record<number, GraphRule>> = {
  2207001: unavailable('Instagram had a server error (2207001); try again.'),
  2207003: unavailable('Meta took too long to download the media (2207003); try again.'),
  2207032: unavailable('Instagram failed to create the media container (2207032); try again.'),
  2207053: unavailable('An unknown upload error occurred (2207053); a new container is needed.'),
  2207004: invalid('The image is larger than the 8 MB Instagram accepts (2207004).'),
  2207005: invalid('The image format is not supported: use JPEG (2207005).'),
  2207009: invalid('The aspect ratio is not supported: use between 4:5 and 1.91:1 (2207009).'),
  2207010: invalid('The caption is too long: at most 2,200 characters (2207010).'),
  2207020: invalid(
    'The media container expired (containers live 24 hours) (2207020); create a new one.',
  ),
  2207026: invalid('The video format is not supported: use MP4 or MOV (H.264, AAC) (2207026).'),
  2207042: invalid(
    'The account reached its limit of API-published posts for the last 24 hours (2207042); publish later.',
  ),
  2207051: invalid(
    'Instagram restricted this publish as possible spam (2207051); review the content or appeal in the app.',
  ),
  2207052: invalid(
    'Meta could not fetch the media from its URL (2207052): the file must be on a public https URL that answers without login or redirects.',
  ),
  2207057: invalid('The thumbnail offset is outside the video (2207057).'),
  2207008: notFound('The media container does not exist or was already used (2207008).'),
  33: notFound(
    'The object does not exist, or this token cannot see it (100/33): check the id and the permissions.',
  ),
}

function sharedCodes(product: string, permissionHint: string): Record<number, GraphRule> {
  return {
    1: unavailable(`${product} had an unknown, possibly temporary problem (error 1).`),
    2: unavailable(`The ${product} service is temporarily unavailable (error 2).`),
    [-1]: unavailable(`${product} had a server error (error -1).`),
    [-2]: unavailable(`${product} timed out (error -2).`),
    3: revoked(`The app lacks the capability for this call (error 3); check the app's products.`),
    4: rateLimited('The app hit its Graph API call limit (error 4).'),
    17: rateLimited('The user hit its Graph API call limit (error 17).'),
    32: rateLimited('The page hit its Graph API request limit (error 32).'),
    613: rateLimited('Calls to this API exceeded the rate limit (error 613).'),
    10: revoked(permissionHint),
    100: invalid(`${product} rejected a parameter of the request (error 100).`),
    368: invalid(`${product} temporarily blocked this account for policy violations (error 368).`),
    506: invalid(`${product} refused a duplicate of a post just published (error 506).`),
    803: notFound(`${product} has no object with this id (error 803).`),
    324: invalid(`${product} could not read the image file (error 324).`),
    352: invalid(`${product} does not support this video format (error 352).`),
    9004: invalid(
      `${product} could not fetch the media from its URL (error 9004): it must be a public https URL.`,
    ),
    9007: unavailable(`The media is not ready to publish yet (error 9007); ask again later.`),
    36000: invalid('The image is too large (error 36000).'),
    36001: invalid('The image format is not supported (error 36001).'),
    36003: invalid('The aspect ratio is not supported (error 36003).'),
    36004: invalid('The caption is too long (error 36004).'),
  }
}

function tokenRule(error: GraphError): GraphRule {
  const subcode = error.error_subcode
  const expired =
    subcode === 463 || (subcode === undefined && /has expired/i.test(error.message ?? ''))
  const label = `error ${error.code}${subcode ? `/${subcode}` : ''}`
  if (expired)
    return {
      kind: 'auth_expired',
      explain: `The access token has expired (${label}); refresh it or reconnect the account.`,
    }
  const meaning = subcode !== undefined ? TOKEN_SUBCODES[subcode] : undefined
  return revoked(
    meaning
      ? `The access token no longer works (${label}): ${meaning}. Reconnect the account.`
      : `The access token is no longer valid (${label}): it was revoked, its user changed password, or the app was removed. Reconnect the account with a new token.`,
  )
}

/**
 * For codes in no table: the HTTP status decides. A 4xx is a refusal (shown, never retried, so
 * an unknown refusal cannot loop or send twice); a 5xx may come after Meta acted: outcome unknown.
 */
export function graphRuleByStatus(status: number, context: GraphErrorContext): GraphRule {
  const { product } = context
  if (status === 429) return rateLimited(`${product} is rate limiting requests (HTTP 429).`)
  if (status === 401)
    return revoked(`${product} refused the access token (HTTP 401); reconnect the account.`)
  if (status === 403) return revoked(context.permissionHint)
  if (status === 404) return notFound(`${product} did not find the object (HTTP 404).`)
  if (status >= 500)
    return { kind: 'transient', explain: `${product} answered ${status}.`, outcome: 'unknown' }
  return invalid(`${product} rejected the request (HTTP ${status}).`)
}

/** The rule for one Graph error object: the product's rules, then the shared table, then the status. */
export function graphRuleFor(
  error: GraphError,
  status: number,
  context: GraphErrorContext,
): GraphRule {
  const special = context.special?.(error, status)
  if (special) return special
  const code = error.code
  if (code === 190 || code === 102) return tokenRule(error)
  if (error.error_subcode !== undefined) {
    const bySubcode = SUBCODES[error.error_subcode]
    if (bySubcode && (error.error_subcode !== 33 || code === 100)) return bySubcode
  }
  if (code !== undefined) {
    if (code >= 200 && code <= 299) return revoked(context.permissionHint)
    if (code >= BUC_FIRST && code <= BUC_LAST && !context.codes?.[code])
      return rateLimited(`The business use case hit its Graph API rate limit (error ${code}).`)
    const rule = context.codes?.[code] ?? sharedCodes(context.product, context.permissionHint)[code]
    if (rule) return rule
  }
  if (error.is_transient === true && status < 500)
    return unavailable(
      `${context.product} reported a temporary problem (error ${code ?? 'unknown'}).`,
    )
  return graphRuleByStatus(status, context)
}

function detailsOf(error: GraphError): string | undefined {
  const data = error.error_data
  if (typeof data === 'string') return data || undefined
  return data?.details || undefined
}

/** Meta's own words: the message, `error_user_msg`, and `error_data.details` where given. */
export function graphPlatformMessage(error: GraphError): string | undefined {
  const parts: string[] = []
  for (const part of [error.message, error.error_user_msg, detailsOf(error)]) {
    if (part && !parts.some((p) => p.includes(part))) parts.push(part)
  }
  return parts.length ? parts.join(': ') : undefined
}

/** Parses the error envelope, or `undefined` when the body is not one (a proxy's HTML page). */
export function parseGraphError(json: unknown): GraphError | undefined {
  const parsed = graphErrorSchema.safeParse(json)
  return parsed.success ? parsed.data.error : undefined
}

/**
 * Turns a Graph error answer into a ProviderError: by the product's rules, the token subcodes,
 * the content-publishing subcodes, the shared code table, `is_transient`, then the HTTP status.
 * Rate limits carry `retryAfterMs` from `X-Business-Use-Case-Usage`, `X-App-Usage` or
 * `X-Page-Usage` (`estimated_time_to_regain_access`, minutes) when Meta sends one.
 */
export function classifyGraphError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'json' | 'text'>,
  context: GraphErrorContext & { secrets?: readonly string[]; now?: number },
): ProviderError {
  const error = parseGraphError(response.json)
  let rule = error
    ? graphRuleFor(error, response.status, context)
    : graphRuleByStatus(response.status, context)
  // Without Meta's envelope a 5xx came from something in front of Meta; keep outcome unknown.
  if (!error && response.status >= 500) rule = { ...rule, outcome: 'unknown' }
  const platformMessage = error
    ? graphPlatformMessage(error)
    : response.text.slice(0, 300) || undefined
  const retryAfterMs =
    rule.kind === 'rate_limited' ? parseRetryAfter(response.headers, context.now) : undefined
  const message =
    rule.kind === 'invalid_request' && platformMessage && rule.quote !== false
      ? `${rule.explain} ${context.product} said: ${platformMessage}`
      : rule.explain
  return new ProviderError({
    kind: rule.kind,
    platform: context.platform,
    outcome: rule.outcome ?? 'not_sent',
    message,
    status: response.status,
    platformCode: error?.code,
    platformSubcode: error?.error_subcode,
    platformMessage,
    retryAfterMs,
    secrets: context.secrets,
  })
}
