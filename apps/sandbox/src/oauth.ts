import { createHash, randomBytes } from 'node:crypto'
import { safeEqual } from '@statex/core/adapter'
import type { Platform } from '@statex/core'

/** An OAuth 2.0 error answer (RFC 6749 §5.2). */
export interface OAuthError {
  error:
    | 'invalid_request'
    | 'invalid_grant'
    | 'unsupported_grant_type'
    | 'invalid_client'
    | 'unsupported_response_type'
  error_description: string
}

export interface AuthorizationRequest {
  platform: Platform
  clientId: string
  redirectUri: string
  state?: string
  scope?: string
  codeChallenge?: string
  codeChallengeMethod?: 'S256' | 'plain'
}

export interface TokenAnswer {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  refresh_token: string
  scope: string
}

interface Grant {
  request: AuthorizationRequest
  expiresAt: number
}

/** Codes live 10 minutes, as most platforms document (LinkedIn 30 min, X 30 s); single use. */
const CODE_LIFETIME_MS = 10 * 60 * 1000
const ACCESS_TOKEN_LIFETIME_S = 2 * 60 * 60

const token = (prefix: string) => `${prefix}-${randomBytes(18).toString('base64url')}`

/**
 * A generic OAuth 2.0 authorization server that approves everyone: authorization code grant with
 * optional PKCE (RFC 7636) and refresh tokens. Holds its state in memory; the OAuth adapters point
 * their authorize and token URLs here in the sandbox.
 */
export class SandboxOAuth {
  readonly #codes = new Map<string, Grant>()
  readonly #refreshTokens = new Map<string, AuthorizationRequest>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Checks an authorize query. Errors here are shown to the person, never redirected (RFC 6749 §4.1.2.1). */
  parseAuthorization(
    platform: Platform,
    query: URLSearchParams,
  ): AuthorizationRequest | OAuthError {
    const clientId = query.get('client_id')
    const redirectUri = query.get('redirect_uri')
    const responseType = query.get('response_type')
    if (!clientId) return invalid('client_id is required.')
    if (!redirectUri) return invalid('redirect_uri is required.')
    let parsed: URL
    try {
      parsed = new URL(redirectUri)
    } catch {
      return invalid('redirect_uri must be an absolute URL.')
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return invalid('redirect_uri must be http or https.')
    if (parsed.hash) return invalid('redirect_uri must not contain a fragment.')
    if (responseType !== null && responseType !== 'code') {
      return {
        error: 'unsupported_response_type',
        error_description: 'Only response_type=code is supported.',
      }
    }
    const codeChallenge = query.get('code_challenge') ?? undefined
    const method = query.get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined)
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      return invalid('code_challenge_method must be S256 or plain.')
    }
    if (method && !codeChallenge)
      return invalid('code_challenge_method was given without code_challenge.')
    return {
      platform,
      clientId,
      redirectUri,
      ...(query.get('state') !== null ? { state: query.get('state')! } : {}),
      ...(query.get('scope') ? { scope: query.get('scope')! } : {}),
      ...(codeChallenge ? { codeChallenge, codeChallengeMethod: method as 'S256' | 'plain' } : {}),
    }
  }

  /** Approves the request: the URL to send the browser to, carrying a fresh code and the state. */
  approve(request: AuthorizationRequest): URL {
    const code = token(`sandbox-${request.platform}-code`)
    this.#codes.set(code, { request, expiresAt: this.now() + CODE_LIFETIME_MS })
    const target = new URL(request.redirectUri)
    target.searchParams.set('code', code)
    if (request.state !== undefined) target.searchParams.set('state', request.state)
    return target
  }

  /** The person said no: `error=access_denied` goes back to the client with the state. */
  deny(request: AuthorizationRequest): URL {
    const target = new URL(request.redirectUri)
    target.searchParams.set('error', 'access_denied')
    target.searchParams.set('error_description', 'The person declined in the sandbox consent page.')
    if (request.state !== undefined) target.searchParams.set('state', request.state)
    return target
  }

  /** The token endpoint: `authorization_code` and `refresh_token` grants. */
  token(
    platform: Platform,
    fields: Record<string, string>,
    basicClientId?: string,
  ): TokenAnswer | OAuthError {
    const grantType = fields.grant_type
    if (grantType === 'authorization_code') return this.#exchange(platform, fields, basicClientId)
    if (grantType === 'refresh_token') return this.#refresh(platform, fields)
    return {
      error: 'unsupported_grant_type',
      error_description: 'grant_type must be authorization_code or refresh_token.',
    }
  }

  #exchange(
    platform: Platform,
    fields: Record<string, string>,
    basicClientId?: string,
  ): TokenAnswer | OAuthError {
    if (!fields.code) return invalid('code is required.')
    const grant = this.#codes.get(fields.code)
    // A code is spent by any attempt, right or wrong, so a leaked code cannot be tried twice.
    this.#codes.delete(fields.code)
    if (!grant || grant.request.platform !== platform)
      return invalidGrant('The code is unknown or was already used.')
    if (grant.expiresAt < this.now()) return invalidGrant('The code has expired.')
    const { request } = grant
    if (fields.redirect_uri !== request.redirectUri) {
      return invalidGrant('redirect_uri does not match the one given to the authorize page.')
    }
    const clientId = fields.client_id ?? basicClientId
    if (clientId !== undefined && clientId !== request.clientId) {
      return {
        error: 'invalid_client',
        error_description: 'client_id does not match the one the code was issued to.',
      }
    }
    if (request.codeChallenge) {
      const verifier = fields.code_verifier
      if (!verifier) return invalidGrant('code_verifier is required: a code_challenge was given.')
      const computed =
        request.codeChallengeMethod === 'S256'
          ? createHash('sha256').update(verifier).digest('base64url')
          : verifier
      if (!safeEqual(computed, request.codeChallenge))
        return invalidGrant('code_verifier does not match the code_challenge.')
    }
    return this.#issue(request)
  }

  #refresh(platform: Platform, fields: Record<string, string>): TokenAnswer | OAuthError {
    if (!fields.refresh_token) return invalid('refresh_token is required.')
    const request = this.#refreshTokens.get(fields.refresh_token)
    if (!request || request.platform !== platform)
      return invalidGrant('The refresh token is unknown or was already used.')
    // Rotated on use, as X and LinkedIn do: the old one stops working.
    this.#refreshTokens.delete(fields.refresh_token)
    return this.#issue(request)
  }

  #issue(request: AuthorizationRequest): TokenAnswer {
    const refresh = token(`sandbox-${request.platform}-refresh`)
    this.#refreshTokens.set(refresh, request)
    return {
      access_token: token(`sandbox-${request.platform}-access`),
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      refresh_token: refresh,
      scope: request.scope ?? '',
    }
  }
}

export function isOAuthError(value: unknown): value is OAuthError {
  return typeof value === 'object' && value !== null && 'error' in value
}

function invalid(description: string): OAuthError {
  return { error: 'invalid_request', error_description: description }
}

function invalidGrant(description: string): OAuthError {
  return { error: 'invalid_grant', error_description: description }
}

/** The client id from an HTTP Basic `Authorization` header, used by confidential clients (X, LinkedIn). */
export function basicClientId(header: string | undefined): string | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return decodeURIComponent(colon >= 0 ? decoded.slice(0, colon) : decoded)
}
