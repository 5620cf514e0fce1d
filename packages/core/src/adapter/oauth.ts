import { z } from 'zod'
import type { TokenSet } from '../auth.js'
import { ProviderError } from '../errors.js'
import { PLATFORM_NAMES, type Platform } from '../platform.js'
import { parseRetryAfter } from '../retry-after.js'
import type { HttpResponse } from './http.js'

/**
 * The OAuth 2.0 token response fields of RFC 6749 §5.1, plus LinkedIn's
 * `refresh_token_expires_in`. `scope` is space-separated in the RFC and comma-separated at LinkedIn.
 */
const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
})

/**
 * A `TokenSet` from a token endpoint's JSON answer, or `undefined` when it has no access token.
 * Lifetimes become absolute dates from `now`, so they survive being stored.
 */
export function parseTokenResponse(json: unknown, now: number = Date.now()): TokenSet | undefined {
  const parsed = TokenResponseSchema.safeParse(json)
  if (!parsed.success) return undefined
  const t = parsed.data
  return {
    accessToken: t.access_token,
    ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
    ...(t.expires_in !== undefined ? { expiresAt: new Date(now + t.expires_in * 1000) } : {}),
    ...(t.refresh_token_expires_in !== undefined
      ? { refreshTokenExpiresAt: new Date(now + t.refresh_token_expires_in * 1000) }
      : {}),
    ...(t.scope !== undefined ? { scopes: t.scope.split(/[\s,]+/).filter(Boolean) } : {}),
    ...(t.token_type ? { tokenType: t.token_type } : {}),
  }
}

/** The authorization request URL of RFC 6749 §4.1.1 (with PKCE's RFC 7636 fields when given). */
export function authorizationUrl(base: string, params: Record<string, string | undefined>): URL {
  const url = new URL(base)
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value)
  }
  return url
}

/** HTTP Basic client authentication (RFC 6749 §2.3.1): both parts form-encoded first. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+')
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`
}

/**
 * An error answer of an OAuth 2.0 token endpoint (RFC 6749 §5.2: `{ error, error_description }`).
 * A refused refresh token means the person revoked the app, or the token expired or was already
 * used (rotating refresh tokens): only reconnecting helps. A refused client is a setting to fix.
 */
export function classifyTokenError(
  platform: Platform,
  response: HttpResponse,
  context: {
    grant: 'authorization_code' | 'refresh_token'
    secrets?: readonly string[]
    codeHint?: string
  },
): ProviderError {
  const name = PLATFORM_NAMES[platform]
  const json = (response.json ?? {}) as { error?: unknown; error_description?: unknown }
  const code = typeof json.error === 'string' ? json.error : undefined
  const description = typeof json.error_description === 'string' ? json.error_description : ''
  const platformMessage =
    [code, description].filter(Boolean).join(': ') || `HTTP ${response.status}`
  const base = {
    platform,
    status: response.status,
    platformCode: code ?? response.status,
    platformMessage,
    secrets: context.secrets ?? [],
  }
  if (response.status >= 500)
    return new ProviderError({
      ...base,
      kind: 'transient',
      message: `${name}'s token endpoint failed with ${response.status}.`,
    })
  if (response.status === 429)
    return new ProviderError({
      ...base,
      kind: 'rate_limited',
      retryAfterMs: parseRetryAfter(response.headers) ?? 15 * 60_000,
      message: `${name} is rate limiting token requests.`,
    })
  if (code === 'invalid_client' || code === 'unauthorized_client' || response.status === 401)
    return new ProviderError({
      ...base,
      kind: 'invalid_request',
      message: `${name} refused the app's credentials (${platformMessage}): check the client id and secret of the ${name} app.`,
    })
  if (context.grant === 'refresh_token')
    return new ProviderError({
      ...base,
      kind: 'auth_revoked',
      message: `${name} refused the refresh token (${platformMessage}): the app was revoked or the token expired or was already used; reconnect the account.`,
    })
  return new ProviderError({
    ...base,
    kind: 'invalid_request',
    message: `${name} refused the authorization code (${platformMessage}): ${context.codeHint ?? 'codes are single-use and short-lived'}; start the connection again.`,
  })
}
