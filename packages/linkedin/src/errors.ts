import { ProviderError, parseRetryAfter, type ProviderErrorKind } from '@statex/core'
import { classifyTokenError, type HttpResponse } from '@statex/core/adapter'
import { ErrorBodySchema } from './schemas.js'

/** 401 sub-causes by `serviceErrorCode` / `code` (api-guide/concepts/error-handling). */
const UNAUTHORIZED: Readonly<Record<string, { kind: ProviderErrorKind; fix: string }>> = {
  '65601': { kind: 'auth_revoked', fix: 'The member revoked the app: reconnect the account.' },
  REVOKED_ACCESS_TOKEN: {
    kind: 'auth_revoked',
    fix: 'The member revoked the app: reconnect the account.',
  },
  '65602': {
    kind: 'auth_expired',
    fix: 'The access token expired (they last 60 days): refresh it or reconnect.',
  },
  EXPIRED_ACCESS_TOKEN: {
    kind: 'auth_expired',
    fix: 'The access token expired (they last 60 days): refresh it or reconnect.',
  },
  '65600': {
    kind: 'auth_revoked',
    fix: 'LinkedIn does not recognise the access token: reconnect the account.',
  },
  INVALID_ACCESS_TOKEN: {
    kind: 'auth_revoked',
    fix: 'LinkedIn does not recognise the access token: reconnect the account.',
  },
}

export interface ClassifyContext {
  /** True for requests that create something (a post, a comment): a 5xx may hide a success. */
  creates?: boolean
  /** The permission the request needs, named in the message of a 403. */
  scope?: string
  /** The LinkedIn-Version sent, named in the message of a 426. */
  version?: string
  secrets?: readonly string[]
  now?: number
}

/** Milliseconds to the next midnight UTC, when LinkedIn's daily quotas reset. */
export function untilMidnightUtc(now: number): number {
  const d = new Date(now)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now
}

/** `ERROR :: /author :: field is required but not found…` lines of a 422, as `/author: …`. */
function fieldMessages(message: string): string[] {
  return message
    .split('\n')
    .map((line) => /^ERROR :: (\S+) :: (.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => `${m[1]}: ${m[2]}`)
}

/**
 * Turns a LinkedIn error answer into a ProviderError. LinkedIn sends no rate-limit headers: a 429
 * waits for the daily reset at midnight UTC unless the answer carries Retry-After.
 */
export function classifyLinkedInError(
  response: HttpResponse,
  context: ClassifyContext = {},
): ProviderError {
  const now = context.now ?? Date.now()
  const parsed = ErrorBodySchema.safeParse(response.json)
  const body = parsed.success ? parsed.data : {}
  const message = body.message ?? (response.text.slice(0, 200) || `HTTP ${response.status}`)
  const base = {
    platform: 'linkedin' as const,
    status: response.status,
    platformCode: body.code ?? body.serviceErrorCode ?? response.status,
    ...(body.serviceErrorCode !== undefined && body.code
      ? { platformSubcode: body.serviceErrorCode }
      : {}),
    platformMessage: message,
    secrets: context.secrets ?? [],
  }
  const status = response.status

  if (status >= 500)
    return new ProviderError({
      ...base,
      kind: 'transient',
      outcome: context.creates ? 'unknown' : 'not_sent',
      message: `LinkedIn failed with ${status} (${message}).`,
    })
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers, now) ?? untilMidnightUtc(now)
    return new ProviderError({
      ...base,
      kind: 'rate_limited',
      retryAfterMs,
      message: `LinkedIn's daily limit for this app or member is reached (${message}); it resets in ${Math.ceil(retryAfterMs / 60_000)} min.`,
    })
  }
  if (status === 401) {
    const rule = UNAUTHORIZED[String(body.serviceErrorCode)] ??
      UNAUTHORIZED[body.code ?? ''] ?? {
        kind: 'auth_expired' as const,
        fix: 'The access token is no longer valid: refresh it or reconnect the account.',
      }
    return new ProviderError({
      ...base,
      kind: rule.kind,
      message: `LinkedIn: ${message}. ${rule.fix}`,
    })
  }
  if (status === 426 || body.code === 'NONEXISTENT_VERSION')
    return new ProviderError({
      ...base,
      kind: 'invalid_request',
      message: `LinkedIn does not serve API version ${context.version ?? '(unknown)'} (${message}): set the adapter's \`version\` option (LINKEDIN_API_VERSION) to an active YYYYMM version.`,
    })
  if (status === 403)
    return new ProviderError({
      ...base,
      kind: 'auth_revoked',
      message: `LinkedIn refused: ${message}. The token lacks ${context.scope ? `the ${context.scope} permission` : 'a permission this needs'} (or the member lost the page role ADMINISTRATOR / CONTENT_ADMIN): add the product to the app and reconnect the account.`,
    })
  if (status === 404)
    return new ProviderError({ ...base, kind: 'not_found', message: `LinkedIn: ${message}.` })
  if (status === 422) {
    const fields = fieldMessages(message)
    return new ProviderError({
      ...base,
      kind: 'invalid_request',
      message: `LinkedIn rejected the post: ${fields.length ? fields.join('; ') : message}.`,
    })
  }
  return new ProviderError({
    ...base,
    kind: 'invalid_request',
    message: `LinkedIn rejected the request (${status}): ${message}.`,
  })
}

/** An error of POST /oauth/v2/accessToken (RFC 6749 §5.2), through the adapter kit's classifier. */
export function classifyLinkedInTokenError(
  response: HttpResponse,
  context: { grant: 'authorization_code' | 'refresh_token'; secrets?: readonly string[] },
): ProviderError {
  return classifyTokenError('linkedin', response, {
    ...context,
    codeHint: 'LinkedIn codes are single-use and expire after 30 minutes',
  })
}
