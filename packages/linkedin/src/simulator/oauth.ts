import {
  redeemCode,
  redirectWithCode,
  type RecordedRequest,
  type SimResponse,
} from '@statex/testkit/simulator'
import type { LinkedInRouteOptions } from './routes.js'
import { secret, type LinkedInState, type SimMember } from './state.js'

const ACCESS_TOKEN_LIFETIME_S = 60 * 86_400
const REFRESH_TOKEN_LIFETIME_S = 365 * 86_400

/** GET /oauth/v2/authorization: LinkedIn's consent page, approved at once. */
export function authorizationPage(
  state: LinkedInState,
  request: RecordedRequest,
  connect: () => SimMember,
): SimResponse {
  const q = request.query
  const redirect = q.get('redirect_uri')
  if (q.get('response_type') !== 'code' || !q.get('client_id') || !redirect)
    return {
      status: 400,
      body: 'The authorization request needs response_type=code, client_id and redirect_uri.',
    }
  const member = connect()
  const code = secret('sim-li-code-')
  state.codes.set(code, {
    clientId: q.get('client_id')!,
    redirectUri: redirect,
    scopes: (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean),
    member: member.sub,
    expiresAt: state.clock.now() + 30 * 60_000,
  })
  return redirectWithCode(redirect, code, q.get('state'))
}

export function tokenEndpoint(
  state: LinkedInState,
  request: RecordedRequest,
  options: LinkedInRouteOptions,
): SimResponse {
  const f = (request.body ?? {}) as Record<string, string>
  const invalid = (error: string, description: string): SimResponse => ({
    status: 400,
    body: { error, error_description: description },
  })
  if (!f.client_id || !f.client_secret)
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    }
  const issue = (member: SimMember, scopes: string[]): SimResponse => {
    member.accessToken = secret('sim-li-access-')
    member.accessExpiresAt = state.clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000
    member.expired = false
    member.scopes = new Set(scopes)
    if (options.refreshTokens) member.refreshToken = secret('sim-li-refresh-')
    return {
      status: 200,
      body: {
        access_token: member.accessToken,
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        ...(options.refreshTokens
          ? {
              refresh_token: member.refreshToken,
              refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S,
            }
          : {}),
        scope: scopes.join(','),
        token_type: 'Bearer',
      },
    }
  }
  if (f.grant_type === 'authorization_code') {
    const grant = redeemCode(state.codes, {
      code: f.code,
      clientId: f.client_id,
      redirectUri: f.redirect_uri,
      now: state.clock.now(),
    })
    if (!grant)
      return invalid(
        'invalid_request',
        'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
      )
    return issue(state.members.get(grant.member)!, grant.scopes)
  }
  if (f.grant_type === 'refresh_token') {
    const member = [...state.members.values()].find(
      (m) => m.refreshToken && m.refreshToken === f.refresh_token,
    )
    if (!member || member.revoked)
      return invalid(
        'invalid_request',
        'The provided authorization grant or refresh token is invalid, expired or revoked.',
      )
    return issue(member, [...member.scopes])
  }
  return invalid('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token')
}
