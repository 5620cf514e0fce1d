import {
  ProviderError,
  parseRetryAfter,
  type ProviderErrorKind,
  type RequestOutcome,
} from '@statex/core'
import { classifyTokenError, type HttpResponse } from '@statex/core/adapter'
import { ErrorBodySchema, type XProblem } from './schemas.js'

const PROBLEM = 'https://api.twitter.com/2/problems/'

/**
 * Problem `type`s (latest-openapi.json `Problem.discriminator.mapping`) and what each means for us.
 * @see https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
const PROBLEM_KINDS: Readonly<Record<string, { kind: ProviderErrorKind; fix: string }>> = {
  'invalid-request': {
    kind: 'invalid_request',
    fix: 'X rejected a parameter of the request; change the post and publish again.',
  },
  'resource-not-found': { kind: 'not_found', fix: 'It no longer exists on X.' },
  'resource-unavailable': {
    kind: 'not_found',
    fix: 'X says it is unavailable (deleted, or the account is suspended or protected).',
  },
  'not-authorized-for-resource': {
    kind: 'invalid_request',
    fix: 'This account may not see or act on it (a protected account, a block, or reply restrictions).',
  },
  'not-authorized-for-field': {
    kind: 'invalid_request',
    fix: 'This token may not read the field asked for (private metrics need the author and a post under 30 days old).',
  },
  'client-forbidden': {
    kind: 'invalid_request',
    fix: "The X app's access level does not include this endpoint: attach the app to a Project in the X developer portal, or move it to a plan that has it.",
  },
  'unsupported-authentication': {
    kind: 'invalid_request',
    fix: 'This endpoint needs a user-context token (OAuth 2.0 with PKCE); reconnect the account through the OAuth flow.',
  },
  'disallowed-resource': {
    kind: 'invalid_request',
    fix: 'X does not allow this request for this resource.',
  },
  conflict: {
    kind: 'invalid_request',
    fix: 'X refused the request as conflicting with an earlier one.',
  },
  'usage-capped': {
    kind: 'rate_limited',
    fix: "The X app's plan cap for this period is used up; posting resumes when the period resets.",
  },
}

interface StatusRule {
  /** A prefix of the problem's `detail`, lower-cased: X tells some 403 causes apart only by it. */
  detail?: string
  kind: ProviderErrorKind
  fix: string
}

/** By HTTP status, for answers whose problem type (often `about:blank`) does not decide. */
const STATUS_RULES: Readonly<Record<number, readonly StatusRule[]>> = {
  400: [
    {
      kind: 'invalid_request',
      fix: 'X rejected the request as it is; change the post and publish again.',
    },
  ],
  // X answers 401 alike for an expired and a revoked access token: the worker refreshes once,
  // and a refused refresh (`refreshToken`) is what says the app was revoked.
  401: [
    {
      kind: 'auth_expired',
      fix: 'The access token expired or was revoked: refresh it, or reconnect the account.',
    },
  ],
  403: [
    {
      detail: 'you are not allowed to create a tweet with duplicate content',
      kind: 'invalid_request',
      fix: 'X refuses a post identical to one this account published recently: change the text (a word, a link) and publish again.',
    },
    {
      detail: 'your tweet text is too long',
      kind: 'invalid_request',
      fix: 'X counts this text as longer than this account may post (280 weighted characters unless it has X Premium): shorten it, or raise maxTextLength for a Premium account.',
    },
    {
      detail: 'you are not permitted to perform this action',
      kind: 'invalid_request',
      fix: 'X does not let this account do this (reply restrictions, a block, or a protected account).',
    },
    {
      kind: 'auth_revoked',
      fix: 'The token lacks a permission this needs (scopes tweet.read tweet.write users.read offline.access media.write dm.read dm.write, and an app with "Read and write" permissions): reconnect the account.',
    },
  ],
  404: [{ kind: 'not_found', fix: 'It no longer exists on X.' }],
  409: [
    { kind: 'invalid_request', fix: 'X refused the request as conflicting with an earlier one.' },
  ],
  429: [
    {
      kind: 'rate_limited',
      fix: 'X is limiting this account or app; posting resumes at the reset.',
    },
  ],
}

export interface ClassifyContext {
  /** True for requests that create something (a post, a DM): a 5xx answer may hide a success. */
  creates?: boolean
  secrets?: readonly string[]
  /** For tests: the moment `x-rate-limit-reset` is measured from. */
  now?: number
}

/** Until the next UTC midnight, or the first of next month, for a usage cap without reset headers. */
function untilPeriodEnds(period: string | undefined, now: number): number | undefined {
  const date = new Date(now)
  if (period === 'Daily')
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1) - now
  if (period === 'Monthly') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - now
  return undefined
}

function problemName(type: string | undefined): string | undefined {
  return type?.startsWith(PROBLEM) ? type.slice(PROBLEM.length) : undefined
}

function describe(problems: XProblem[], top: { title?: string; detail?: string }): string {
  const parts = problems.map((p) => p.message ?? p.detail ?? p.title).filter(Boolean)
  if (top.detail && !parts.includes(top.detail)) parts.unshift(top.detail)
  return parts.join('; ') || top.title || ''
}

/**
 * Turns an X API v2 error answer into a ProviderError. Handles both documented bodies: a Problem
 * (`{ title, detail, type, status }`) and `{ errors: [...] }` (v1-style `{ code, message }` or
 * Problems), including HTTP 200 with `errors` and no `data`, which is never a success.
 */
export function classifyXError(
  response: HttpResponse,
  context: ClassifyContext = {},
): ProviderError {
  const now = context.now ?? Date.now()
  const parsed = ErrorBodySchema.safeParse(response.json)
  const body = parsed.success ? parsed.data : {}
  const problems = body.errors ?? []
  const first = problems[0]
  const type = problemName(body.type) ?? problemName(first?.type)
  const message =
    describe(problems, body) || response.text.slice(0, 200) || `HTTP ${response.status}`
  const base = {
    platform: 'twitter' as const,
    status: response.status,
    platformCode: first?.code ?? type ?? response.status,
    platformMessage: message,
    secrets: context.secrets ?? [],
  }

  if (response.status >= 500) {
    const outcome: RequestOutcome = context.creates ? 'unknown' : 'not_sent'
    return new ProviderError({
      ...base,
      kind: 'transient',
      // X has answered 5xx to POST /2/tweets after creating the post; never assume it did not.
      outcome,
      message: `X failed with ${response.status} (${message}).`,
    })
  }

  if (response.status === 429 || type === 'usage-capped' || first?.code === 88) {
    const period = body.period ?? first?.period
    const retryAfterMs =
      parseRetryAfter(response.headers, now) ?? untilPeriodEnds(period, now) ?? 15 * 60_000
    const cap = type === 'usage-capped' ? ` (${period ?? 'plan'} usage cap)` : ''
    return new ProviderError({
      ...base,
      kind: 'rate_limited',
      retryAfterMs,
      message: `X is rate limiting this request${cap}: ${message}; try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    })
  }

  const detail = (body.detail ?? first?.detail ?? first?.message ?? '').toLowerCase()
  const rules = STATUS_RULES[response.status]
  const statusRule = rules?.find((r) => r.detail !== undefined && detail.startsWith(r.detail))
  const byType = type ? PROBLEM_KINDS[type] : undefined
  const rule = statusRule ?? byType ?? rules?.find((r) => r.detail === undefined)
  if (!rule) {
    return new ProviderError({
      ...base,
      kind: response.status < 500 && response.status >= 400 ? 'invalid_request' : 'transient',
      outcome: response.status < 300 && context.creates ? 'unknown' : 'not_sent',
      message: `X answered ${response.status}: ${message}`,
    })
  }
  return new ProviderError({ ...base, kind: rule.kind, message: `X: ${message}. ${rule.fix}` })
}

/** An error of POST /2/oauth2/token (RFC 6749 §5.2), through the adapter kit's classifier. */
export function classifyXTokenError(
  response: HttpResponse,
  context: { grant: 'authorization_code' | 'refresh_token'; secrets?: readonly string[] },
): ProviderError {
  return classifyTokenError('twitter', response, {
    ...context,
    codeHint: 'X codes are single-use and expire after 30 seconds',
  })
}
