import { createHash } from 'node:crypto'
import {
  redeemCode,
  redirectWithCode,
  type RecordedRequest,
  type SimResponse,
} from '@statex/testkit/simulator'
import { token, type SimAccount, type XState } from './state.js'

const ACCESS_TOKEN_LIFETIME_S = 7200
/** POST /2/oauth2/token: the authorization code (with PKCE S256) and refresh token grants. */
export function tokenEndpoint(state: XState, request: RecordedRequest): SimResponse {
  const fields = (request.body ?? {}) as Record<string, string>
  const invalid = (description: string): SimResponse => ({
    status: 400,
    body: { error: 'invalid_request', error_description: description },
  })
  const basic = String(request.headers.authorization ?? '')
  const clientId =
    fields.client_id ??
    (basic.startsWith('Basic ')
      ? decodeURIComponent(Buffer.from(basic.slice(6), 'base64').toString().split(':')[0]!)
      : undefined)
  if (!clientId)
    return {
      status: 401,
      body: {
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      },
    }
  const issue = (account: SimAccount, scopes: string[]): SimResponse => {
    account.accessToken = token('sim-x-access-')
    account.refreshToken = token('sim-x-refresh-')
    account.scopes = new Set(scopes)
    account.accessExpiresAt = state.clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000
    account.expired = false
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: {
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        access_token: account.accessToken,
        scope: scopes.join(' '),
        ...(scopes.includes('offline.access') ? { refresh_token: account.refreshToken } : {}),
      },
    }
  }
  if (fields.grant_type === 'authorization_code') {
    const grant = redeemCode(state.codes, {
      code: fields.code,
      clientId,
      redirectUri: fields.redirect_uri,
      now: state.clock.now(),
    })
    if (!grant) return invalid('Value passed for the authorization code was invalid.')
    const challenge = createHash('sha256')
      .update(fields.code_verifier ?? '')
      .digest('base64url')
    if (challenge !== grant.codeChallenge)
      return invalid('Value passed for the code_verifier was invalid.')
    return issue(state.accounts.get(grant.accountId)!, grant.scopes)
  }
  if (fields.grant_type === 'refresh_token') {
    const account = state.accountByRefreshToken(fields.refresh_token ?? '')
    if (!account || account.revoked) return invalid('Value passed for the token was invalid.')
    return issue(account, [...account.scopes])
  }
  return invalid('Missing required parameter [grant_type].')
}

/** GET /i/oauth2/authorize: X's consent page, approved at once for the given or a new account. */
export function authorizePage(
  state: XState,
  request: RecordedRequest,
  connect: () => SimAccount,
): SimResponse {
  const q = request.query
  const redirect = q.get('redirect_uri')
  if (
    q.get('response_type') !== 'code' ||
    !q.get('client_id') ||
    !redirect ||
    !q.get('code_challenge') ||
    q.get('code_challenge_method') !== 'S256'
  )
    return {
      status: 400,
      body: 'Something went wrong: the authorize request needs response_type=code, client_id, redirect_uri, code_challenge and code_challenge_method=S256.',
    }
  const account = connect()
  const code = token('sim-x-code-')
  state.codes.set(code, {
    clientId: q.get('client_id')!,
    redirectUri: redirect,
    codeChallenge: q.get('code_challenge')!,
    scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
    accountId: account.id,
    // X's codes are valid for 30 seconds.
    expiresAt: state.clock.now() + 30_000,
  })
  return redirectWithCode(redirect, code, q.get('state'))
}
